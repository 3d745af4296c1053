package io.wxpay4j.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Jackson (which the schema validator brings anyway) for the simulator's JSON trees. */
final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  static String pretty(JsonNode node) {
    return PRETTY.writeValueAsString(node);
  }
}
