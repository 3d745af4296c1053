package io.wxpay4j.simulator;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Request validation driven by {@code spec/openapi.yaml} (the {@code wxpay4j-spec} artifact's
 * classpath resource): the operations and their path templates, path and query parameters with
 * their schemas, the request-body schema (validated with networknt's OpenAPI 3.0 dialect) and the
 * operation-level extra requirements listed in {@code x-wxpay4j-required}.
 */
final class SpecValidator {
  static final String SPEC_RESOURCE = "io/wxpay4j/spec/openapi.yaml";

  /** A parameter of an operation and the schema its value must satisfy. */
  static final class Parameter {
    final String name;
    final String in;
    final boolean required;
    final Schema schema;

    /** True for an integer schema: a path or query value of digits is validated as a number. */
    final boolean integer;

    Parameter(String name, String in, boolean required, Schema schema, boolean integer) {
      this.name = name;
      this.in = in;
      this.required = required;
      this.schema = schema;
      this.integer = integer;
    }
  }

  /** One operation of the spec. */
  static final class Operation {
    final String id;
    final String method;
    final String pathTemplate;
    final Pattern pathPattern;
    final List<String> pathParameterNames;
    final List<Parameter> parameters;
    final Schema bodySchema;
    final List<String> extraRequired;

    Operation(
        String id,
        String method,
        String pathTemplate,
        List<String> pathParameterNames,
        List<Parameter> parameters,
        Schema bodySchema,
        List<String> extraRequired) {
      this.id = id;
      this.method = method;
      this.pathTemplate = pathTemplate;
      this.pathParameterNames = List.copyOf(pathParameterNames);
      this.parameters = List.copyOf(parameters);
      this.bodySchema = bodySchema;
      this.extraRequired = List.copyOf(extraRequired);
      StringBuilder regex = new StringBuilder("^");
      Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(pathTemplate);
      int last = 0;
      while (matcher.find()) {
        regex
            .append(Pattern.quote(pathTemplate.substring(last, matcher.start())))
            .append("([^/]+)");
        last = matcher.end();
      }
      regex.append(Pattern.quote(pathTemplate.substring(last))).append("$");
      this.pathPattern = Pattern.compile(regex.toString());
    }
  }

  /** A request matched to an operation, with its decoded path parameters. */
  static final class Match {
    final Operation operation;
    final Map<String, String> pathParameters;

    Match(Operation operation, Map<String, String> pathParameters) {
      this.operation = operation;
      this.pathParameters = pathParameters;
    }
  }

  private final List<Operation> operations;

  private SpecValidator(List<Operation> operations) {
    this.operations = List.copyOf(operations);
  }

  /** Every operationId of the spec, in the spec's order (the fault routes). */
  List<String> operationIds() {
    List<String> ids = new ArrayList<>();
    for (Operation operation : operations) {
      ids.add(operation.id);
    }
    return ids;
  }

  static SpecValidator load() {
    ClassLoader loader = SpecValidator.class.getClassLoader();
    JsonNode spec;
    try (InputStream in = loader.getResourceAsStream(SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath resource " + SPEC_RESOURCE + " not found: add io.wxpay4j:wxpay4j-spec");
      }
      spec =
          YAMLMapper.builder()
              .build()
              .readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaRegistry registry =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi30(),
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    String base = "classpath:" + SPEC_RESOURCE;
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        JsonNode op = method.getValue();
        if (!op.has("operationId")) {
          continue;
        }
        List<Parameter> parameters = new ArrayList<>();
        List<String> pathNames = new ArrayList<>();
        JsonNode params = op.path("parameters");
        for (int i = 0; i < params.size(); i++) {
          String pointer =
              "/paths/" + escape(path.getKey()) + "/" + method.getKey() + "/parameters/" + i;
          JsonNode param = params.get(i);
          if (param.has("$ref")) {
            pointer = param.get("$ref").asString().substring(1);
            param = spec.at(pointer);
          }
          String in = param.path("in").asString();
          String name = param.path("name").asString();
          if (in.equals("path")) {
            pathNames.add(name);
          }
          Schema schema = registry.getSchema(SchemaLocation.of(base + "#" + pointer + "/schema"));
          parameters.add(
              new Parameter(
                  name,
                  in,
                  param.path("required").asBoolean(false),
                  schema,
                  param.at("/schema/type").asString("").equals("integer")));
        }
        JsonNode bodySchemaNode = op.at("/requestBody/content/application~1json/schema");
        Schema bodySchema = null;
        if (!bodySchemaNode.isMissingNode()) {
          String pointer =
              bodySchemaNode.has("$ref")
                  ? bodySchemaNode.get("$ref").asString().substring(1)
                  : "/paths/"
                      + escape(path.getKey())
                      + "/"
                      + method.getKey()
                      + "/requestBody/content/application~1json/schema";
          bodySchema = registry.getSchema(SchemaLocation.of(base + "#" + pointer));
        }
        List<String> extra = new ArrayList<>();
        for (JsonNode pointer : op.path("x-wxpay4j-required")) {
          extra.add(pointer.asString());
        }
        operations.add(
            new Operation(
                op.get("operationId").asString(),
                method.getKey().toUpperCase(Locale.ROOT),
                path.getKey(),
                pathNames,
                parameters,
                bodySchema,
                extra));
      }
    }
    if (operations.isEmpty()) {
      throw new IllegalStateException(SPEC_RESOURCE + " declares no operations");
    }
    return new SpecValidator(operations);
  }

  List<Operation> operations() {
    return operations;
  }

  /** The operation whose template matches this encoded path, whatever the method; null if none. */
  List<Match> match(String encodedPath) {
    List<Match> matches = new ArrayList<>();
    for (Operation operation : operations) {
      Matcher matcher = operation.pathPattern.matcher(encodedPath);
      if (matcher.matches()) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < operation.pathParameterNames.size(); i++) {
          values.put(operation.pathParameterNames.get(i), percentDecode(matcher.group(i + 1)));
        }
        matches.add(new Match(operation, values));
      }
    }
    return matches;
  }

  /** Checks path and query parameters against their schemas (the operation has no header ones). */
  void validateParameters(Match match, Map<String, String> query) throws ApiError {
    validateParameters(match, query, name -> null);
  }

  /**
   * Checks path, query and header parameters against their schemas; {@code headers} looks a request
   * header up by name (case-insensitively, as HTTP does).
   */
  void validateParameters(
      Match match, Map<String, String> query, Function<String, @Nullable String> headers)
      throws ApiError {
    for (Parameter parameter : match.operation.parameters) {
      String value;
      switch (parameter.in) {
        case "path":
          value = match.pathParameters.get(parameter.name);
          break;
        case "header":
          value = headers.apply(parameter.name);
          break;
        default:
          value = query.get(parameter.name);
      }
      if (value == null || (parameter.required && value.isEmpty())) {
        if (parameter.required) {
          throw ApiError.paramError(parameter.name, null, "is required", parameter.in);
        }
        continue;
      }
      JsonNode node =
          parameter.integer && value.matches("-?[0-9]{1,18}")
              ? LongNode.valueOf(Long.parseLong(value))
              : StringNode.valueOf(value);
      List<Error> errors = parameter.schema.validate(node);
      if (!errors.isEmpty()) {
        throw ApiError.paramError(
            parameter.name, StringNode.valueOf(value), issue(errors.get(0)), parameter.in);
      }
    }
  }

  /**
   * Checks a parsed body against the operation's schema and its {@code x-wxpay4j-required}
   * pointers.
   */
  void validateBody(Operation operation, JsonNode body) throws ApiError {
    if (operation.bodySchema == null) {
      return;
    }
    List<Error> errors = operation.bodySchema.validate(body);
    if (!errors.isEmpty()) {
      Error error = errors.get(0);
      String pointer = pointer(error.getInstanceLocation());
      if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
        pointer = pointer + "/" + escape(error.getProperty());
        throw ApiError.paramError(pointer, null, "is required", "body");
      }
      throw ApiError.paramError(pointer, body.at(pointer), issue(error), "body");
    }
    for (String required : operation.extraRequired) {
      if (body.at(required).isMissingNode() || body.at(required).isNull()) {
        throw ApiError.paramError(
            required, null, "is required by " + operation.id + " (x-wxpay4j-required)", "body");
      }
    }
  }

  private static String issue(Error error) {
    String message = error.getMessage();
    // networknt prefixes some messages with the instance location; the pointer is already in
    // "field".
    int colon = message.indexOf(": ");
    if (colon > 0 && (message.startsWith("$") || message.startsWith("/"))) {
      message = message.substring(colon + 2);
    }
    return message;
  }

  private static String pointer(NodePath path) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      result.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return result.toString();
  }

  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Percent-decoding of a path segment ({@code +} stays a plus, unlike form decoding). */
  static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        int hi = Character.digit(value.charAt(i + 1), 16);
        int lo = Character.digit(value.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
