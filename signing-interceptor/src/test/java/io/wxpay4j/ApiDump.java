package io.wxpay4j;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedTypeVariable;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Renders the public API of compiled classes as text, and diffs two renderings: the mechanism
 * behind the committed {@code api/wxpay4j-signing-interceptor.api}, in the manner of OkHttp's API
 * dump files.
 *
 * <p>The dump lists every type that code outside the module can name (public, or protected inside a
 * subclassable type, with every enclosing type visible too) and every public member of it, plus the
 * protected members of types that are not final. Reflection reads the class files without
 * initialising them. Lines are sorted (types by package then nesting, members by kind then name),
 * so that the text depends only on the API, never on the JDK's reflection order or the compiler's
 * member order:
 *
 * <ul>
 *   <li>types are written as in source, {@code java.lang.} omitted, nested types with dots;
 *   <li>runtime-visible type annotations are kept ({@code @Nullable String}, {@code
 *       double @Nullable []}): nullness is API;
 *   <li>modifiers that change what callers may do are kept ({@code static}, {@code final}, {@code
 *       abstract}, {@code default}, {@code sealed}, {@code non-sealed}); {@code synchronized},
 *       {@code native}, {@code volatile} and {@code transient} are not API and are left out;
 *   <li>synthetic and bridge members, anonymous and local classes, and an enum's implicit {@code
 *       values()} and {@code valueOf(String)} are left out; public members inherited from a
 *       superclass that is not itself visible are listed on the visible subclass, where callers see
 *       them.
 * </ul>
 */
final class ApiDump {
  private ApiDump() {}

  /** The first line of a dump: {@code # 42 public types}. */
  static String countLine(int types) {
    return "# " + types + " public types";
  }

  /**
   * The dump of every visible type in the class files under {@code classes}, loaded (not
   * initialised) through {@code loader}, except those in {@code excludedPackages} and their
   * subpackages.
   */
  static String render(Path classes, ClassLoader loader, Set<String> excludedPackages)
      throws IOException {
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative =
            classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (relative.startsWith("META-INF/")
            || relative.endsWith("package-info.class")
            || relative.endsWith("module-info.class")) {
          continue;
        }
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        Class<?> type;
        try {
          type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
          throw new IOException("cannot load " + name + " from " + file, e);
        }
        if (!excluded(type.getPackageName(), excludedPackages)) {
          types.add(type);
        }
      }
    }
    return render(types);
  }

  private static boolean excluded(String packageName, Set<String> excludedPackages) {
    for (String excluded : excludedPackages) {
      if (packageName.equals(excluded) || packageName.startsWith(excluded + ".")) {
        return true;
      }
    }
    return false;
  }

  /** The dump of the visible types among {@code candidates}; the others are skipped. */
  static String render(List<Class<?>> candidates) {
    List<Class<?>> types =
        candidates.stream()
            .filter(ApiDump::isVisible)
            .distinct()
            .sorted(Comparator.comparing(ApiDump::sortKey))
            .collect(Collectors.toList());
    StringBuilder out = new StringBuilder();
    out.append(countLine(types.size())).append('\n');
    long nested = types.stream().filter(t -> t.getDeclaringClass() != null).count();
    out.append("# ")
        .append(types.size() - nested)
        .append(" top-level, ")
        .append(nested)
        .append(" nested. Written by ApiDumpTest: do not edit by hand.\n");
    for (Class<?> type : types) {
      out.append('\n').append(header(type)).append(" {\n");
      for (String member : members(type)) {
        out.append("  ").append(member).append('\n');
      }
      out.append("}\n");
    }
    return out.toString();
  }

  /** Package, then each enclosing type's simple name: nested types follow their outer type. */
  private static String sortKey(Class<?> type) {
    String binary = type.getName().substring(type.getPackageName().length());
    return type.getPackageName() + '\u0000' + binary.replace('$', '\u0000');
  }

  /** Code outside the package can name this type. */
  static boolean isVisible(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic() || type.isArray()) {
      return false;
    }
    int modifiers = type.getModifiers();
    Class<?> outer = type.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(modifiers);
    }
    return isVisible(outer)
        && (Modifier.isPublic(modifiers)
            || (Modifier.isProtected(modifiers) && !Modifier.isFinal(outer.getModifiers())));
  }

  /** Code outside the package can use this member of a visible type. */
  private static boolean isVisibleMember(int modifiers, Class<?> owner) {
    return Modifier.isPublic(modifiers)
        || (Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
  }

  // ---- Types

  private static String header(Class<?> type) {
    StringJoiner words = new StringJoiner(" ");
    int modifiers = type.getModifiers();
    declarationAnnotations(type.getDeclaredAnnotations(), words);
    words.add(Modifier.isPublic(modifiers) ? "public" : "protected");
    boolean nested = type.getDeclaringClass() != null;
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
    } else if (type.isInterface()) {
      sealing(type, words);
      kind = "interface";
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      if (Modifier.isAbstract(modifiers)) {
        words.add("abstract");
      }
      if (nested && Modifier.isStatic(modifiers)) {
        words.add("static");
      }
      if (Modifier.isFinal(modifiers)) {
        words.add("final");
      }
      sealing(type, words);
      kind = "class";
    }
    words.add(kind);
    StringBuilder out = new StringBuilder(words.toString());
    out.append(' ')
        .append(type.getCanonicalName())
        .append(typeParameters(type.getTypeParameters()));
    if (type.isRecord()) {
      StringJoiner components = new StringJoiner(", ", "(", ")");
      for (RecordComponent c : type.getRecordComponents()) {
        components.add(type(c.getAnnotatedType()) + " " + c.getName());
      }
      out.append(components);
    }
    if (!type.isInterface() && !type.isEnum() && !type.isRecord()) {
      AnnotatedType superclass = visibleSuperclass(type);
      if (superclass != null) {
        out.append(" extends ").append(type(superclass));
      }
    }
    List<String> interfaces = interfaces(type);
    if (!interfaces.isEmpty()) {
      out.append(type.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", interfaces));
    }
    if (type.isSealed() && !type.isEnum()) { // an enum with constant bodies is implicitly sealed
      out.append(" permits ")
          .append(
              Arrays.stream(type.getPermittedSubclasses())
                  .map(ApiDump::name)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static void sealing(Class<?> type, StringJoiner words) {
    if (type.isSealed()) {
      words.add("sealed");
    } else if (!Modifier.isFinal(type.getModifiers()) && hasSealedParent(type)) {
      words.add("non-sealed");
    }
  }

  private static boolean hasSealedParent(Class<?> type) {
    if (type.getSuperclass() != null && type.getSuperclass().isSealed()) {
      return true;
    }
    for (Class<?> i : type.getInterfaces()) {
      if (i.isSealed()) {
        return true;
      }
    }
    return false;
  }

  /** The nearest superclass that callers can see, or null for {@code Object}. */
  private static AnnotatedType visibleSuperclass(Class<?> type) {
    AnnotatedType superclass = type.getAnnotatedSuperclass();
    while (superclass != null) {
      Class<?> raw = raw(superclass);
      if (raw == Object.class) {
        return null;
      }
      if (isVisible(raw)) {
        return superclass;
      }
      superclass = raw.getAnnotatedSuperclass();
    }
    return null;
  }

  /** Superclasses between {@code type} and its visible superclass: their members show on it. */
  private static List<Class<?>> hiddenSuperclasses(Class<?> type) {
    List<Class<?>> hidden = new ArrayList<>();
    for (Class<?> c = type.getSuperclass();
        c != null && c != Object.class && !isVisible(c);
        c = c.getSuperclass()) {
      hidden.add(c);
    }
    return hidden;
  }

  /** Visible interfaces of the type and of its hidden superclasses, sorted. */
  private static List<String> interfaces(Class<?> type) {
    List<AnnotatedType> all = new ArrayList<>(Arrays.asList(type.getAnnotatedInterfaces()));
    for (Class<?> hidden : hiddenSuperclasses(type)) {
      all.addAll(Arrays.asList(hidden.getAnnotatedInterfaces()));
    }
    return all.stream()
        .filter(i -> isVisible(raw(i)))
        .filter(i -> !(type.isAnnotation() && raw(i) == Annotation.class))
        .map(ApiDump::type)
        .distinct()
        .sorted()
        .collect(Collectors.toList());
  }

  // ---- Members

  private static final int ENUM_CONSTANT = 0;
  private static final int FIELD = 1;
  private static final int CONSTRUCTOR = 2;
  private static final int METHOD = 3;

  private record Member(int kind, String name, String line) {}

  private static List<String> members(Class<?> type) {
    List<Member> members = new ArrayList<>();
    Set<String> declaredSignatures = new HashSet<>();
    List<Class<?>> owners = new ArrayList<>();
    owners.add(type);
    owners.addAll(hiddenSuperclasses(type));
    Set<String> fieldNames = new HashSet<>();
    for (Class<?> owner : owners) {
      for (Field f : owner.getDeclaredFields()) {
        if (f.isSynthetic() || !isVisibleMember(f.getModifiers(), type)) {
          continue;
        }
        if (!fieldNames.add(f.getName())) {
          continue; // hidden by a field of a subclass
        }
        if (f.isEnumConstant()) {
          members.add(new Member(ENUM_CONSTANT, f.getName(), "enum constant " + f.getName()));
          continue;
        }
        StringJoiner words = new StringJoiner(" ");
        declarationAnnotations(f.getDeclaredAnnotations(), words);
        words.add(visibility(f.getModifiers()));
        if (Modifier.isStatic(f.getModifiers())) {
          words.add("static");
        }
        if (Modifier.isFinal(f.getModifiers())) {
          words.add("final");
        }
        words.add(type(f.getAnnotatedType()));
        words.add(f.getName());
        members.add(new Member(FIELD, f.getName(), words.toString()));
      }
      if (owner == type) {
        for (Constructor<?> c : owner.getDeclaredConstructors()) {
          if (c.isSynthetic() || !isVisibleMember(c.getModifiers(), type)) {
            continue;
          }
          StringJoiner words = new StringJoiner(" ");
          declarationAnnotations(c.getDeclaredAnnotations(), words);
          words.add(visibility(c.getModifiers()));
          String typeParameters = typeParameters(c.getTypeParameters());
          if (!typeParameters.isEmpty()) {
            words.add(typeParameters);
          }
          String line =
              words
                  + " "
                  + type.getSimpleName()
                  + parameters(c)
                  + exceptions(c.getAnnotatedExceptionTypes());
          members.add(new Member(CONSTRUCTOR, type.getSimpleName(), line));
        }
      }
      for (Method m : owner.getDeclaredMethods()) {
        if (m.isSynthetic() || m.isBridge() || !isVisibleMember(m.getModifiers(), type)) {
          continue;
        }
        if (type.isEnum() && owner == type && isImplicitEnumMethod(m)) {
          continue;
        }
        String signature = m.getName() + Arrays.toString(m.getParameterTypes());
        if (!declaredSignatures.add(signature)) {
          continue; // overridden lower down
        }
        members.add(new Member(METHOD, m.getName(), method(m)));
      }
    }
    members.sort(
        Comparator.comparingInt(Member::kind)
            .thenComparing(Member::name)
            .thenComparing(Member::line));
    return members.stream().map(Member::line).collect(Collectors.toList());
  }

  private static boolean isImplicitEnumMethod(Method m) {
    if (!Modifier.isStatic(m.getModifiers())) {
      return false;
    }
    return (m.getName().equals("values") && m.getParameterCount() == 0)
        || (m.getName().equals("valueOf")
            && Arrays.equals(m.getParameterTypes(), new Class<?>[] {String.class}));
  }

  private static String method(Method m) {
    int modifiers = m.getModifiers();
    StringJoiner words = new StringJoiner(" ");
    declarationAnnotations(m.getDeclaredAnnotations(), words);
    words.add(visibility(modifiers));
    if (m.isDefault()) {
      words.add("default");
    }
    if (Modifier.isAbstract(modifiers)) {
      words.add("abstract");
    }
    if (Modifier.isStatic(modifiers)) {
      words.add("static");
    }
    if (Modifier.isFinal(modifiers)) {
      words.add("final");
    }
    String typeParameters = typeParameters(m.getTypeParameters());
    if (!typeParameters.isEmpty()) {
      words.add(typeParameters);
    }
    words.add(type(m.getAnnotatedReturnType()));
    return words + " " + m.getName() + parameters(m) + exceptions(m.getAnnotatedExceptionTypes());
  }

  private static String visibility(int modifiers) {
    return Modifier.isPublic(modifiers) ? "public" : "protected";
  }

  private static String parameters(Executable e) {
    AnnotatedType[] annotated = e.getAnnotatedParameterTypes();
    StringJoiner out = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < annotated.length; i++) {
      String rendered = type(annotated[i]);
      if (e.isVarArgs() && i == annotated.length - 1 && rendered.endsWith("[]")) {
        rendered = rendered.substring(0, rendered.length() - 2) + "...";
      }
      out.add(rendered);
    }
    return out.toString();
  }

  private static String exceptions(AnnotatedType[] exceptions) {
    if (exceptions.length == 0) {
      return "";
    }
    return " throws "
        + Arrays.stream(exceptions).map(ApiDump::type).sorted().collect(Collectors.joining(", "));
  }

  /** Only {@code @Deprecated}: the other declaration annotations are not API. */
  private static void declarationAnnotations(Annotation[] annotations, StringJoiner words) {
    for (Annotation a : annotations) {
      if (a.annotationType() == Deprecated.class) {
        words.add("@Deprecated");
      }
    }
  }

  // ---- Type expressions

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    StringJoiner out = new StringJoiner(", ", "<", ">");
    for (TypeVariable<?> v : variables) {
      out.add(typeVariable(v));
    }
    return out.toString();
  }

  private static String typeVariable(TypeVariable<?> v) {
    String annotations = typeAnnotations(v.getDeclaredAnnotations());
    AnnotatedType[] bounds = v.getAnnotatedBounds();
    if (bounds.length == 1
        && bounds[0].getType() == Object.class
        && bounds[0].getDeclaredAnnotations().length == 0) {
      return annotations + v.getName();
    }
    return annotations
        + v.getName()
        + " extends "
        + Arrays.stream(bounds).map(ApiDump::type).collect(Collectors.joining(" & "));
  }

  static String type(AnnotatedType t) {
    String annotations = typeAnnotations(t.getDeclaredAnnotations());
    if (t instanceof AnnotatedArrayType array) {
      String component = type(array.getAnnotatedGenericComponentType());
      return annotations.isEmpty() ? component + "[]" : component + " " + annotations + "[]";
    }
    if (t instanceof AnnotatedParameterizedType parameterized) {
      Class<?> raw = (Class<?>) ((ParameterizedType) parameterized.getType()).getRawType();
      return annotations
          + name(raw)
          + Arrays.stream(parameterized.getAnnotatedActualTypeArguments())
              .map(ApiDump::type)
              .collect(Collectors.joining(", ", "<", ">"));
    }
    if (t instanceof AnnotatedWildcardType wildcard) {
      AnnotatedType[] lower = wildcard.getAnnotatedLowerBounds();
      if (lower.length > 0) {
        return annotations + "? super " + type(lower[0]);
      }
      AnnotatedType[] upper = wildcard.getAnnotatedUpperBounds();
      if (upper.length == 0
          || (upper[0].getType() == Object.class
              && upper[0].getDeclaredAnnotations().length == 0)) {
        return annotations + "?";
      }
      return annotations + "? extends " + type(upper[0]);
    }
    if (t instanceof AnnotatedTypeVariable variable) {
      return annotations + ((TypeVariable<?>) variable.getType()).getTypeName();
    }
    return annotations + name((Class<?>) t.getType());
  }

  private static String typeAnnotations(Annotation[] annotations) {
    return Arrays.stream(annotations)
        .map(a -> "@" + a.annotationType().getSimpleName() + " ")
        .sorted()
        .collect(Collectors.joining());
  }

  private static Class<?> raw(AnnotatedType t) {
    if (t.getType() instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return (Class<?>) t.getType();
  }

  /**
   * Source-style name: {@code String}, {@code java.util.List}, {@code Outer.Inner}, {@code byte[]}.
   */
  static String name(Class<?> c) {
    if (c.isArray()) {
      return name(c.getComponentType()) + "[]";
    }
    String canonical = c.getCanonicalName() != null ? c.getCanonicalName() : c.getName();
    if (c.getPackageName().equals("java.lang")
        && canonical.indexOf('.', "java.lang.".length()) < 0) {
      return c.getSimpleName();
    }
    return canonical;
  }

  // ---- Diff

  /**
   * A unified diff (three lines of context) from {@code expected} to {@code actual}, or the empty
   * string when they are equal. Lines prefixed {@code -} are only in {@code expected}, {@code +}
   * only in {@code actual}.
   */
  static String diff(String expectedName, String expected, String actualName, String actual) {
    List<String> a = lines(expected);
    List<String> b = lines(actual);
    if (a.equals(b)) {
      return "";
    }
    // Longest common subsequence, suffix form: lcs[i][j] is the LCS of a[i..] and b[j..].
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    // The edit script: each edit is one line of a (' ' or '-') or of b ('+'), with its position in
    // both files at that point.
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        edits.add(new Edit(' ', i, j, a.get(i)));
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        edits.add(new Edit('-', i, j, a.get(i)));
        i++;
      } else {
        edits.add(new Edit('+', i, j, b.get(j)));
        j++;
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(expectedName).append('\n');
    out.append("+++ ").append(actualName).append('\n');
    int context = 3;
    int k = 0;
    while (k < edits.size()) {
      if (edits.get(k).op == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - context);
      int end = k; // exclusive end of the last change in this hunk
      int scan = k;
      while (scan < edits.size()) {
        if (edits.get(scan).op != ' ') {
          end = scan + 1;
          scan++;
        } else if (scan - end < 2 * context) {
          scan++;
        } else {
          break;
        }
      }
      int stop = Math.min(edits.size(), end + context);
      hunk(out, edits.subList(start, stop));
      k = stop;
    }
    return out.toString();
  }

  private record Edit(char op, int aIndex, int bIndex, String line) {}

  private static void hunk(StringBuilder out, List<Edit> edits) {
    int aCount = 0;
    int bCount = 0;
    for (Edit e : edits) {
      if (e.op != '+') {
        aCount++;
      }
      if (e.op != '-') {
        bCount++;
      }
    }
    Edit first = edits.get(0);
    out.append("@@ -")
        .append(range(first.aIndex, aCount))
        .append(" +")
        .append(range(first.bIndex, bCount))
        .append(" @@\n");
    for (Edit e : edits) {
      out.append(e.op).append(e.line).append('\n');
    }
  }

  /** Unified-diff range: 1-based start, and for an empty range the line before it. */
  private static String range(int index, int count) {
    int start = count == 0 ? index : index + 1;
    return count == 1 ? String.valueOf(start) : start + "," + count;
  }

  private static List<String> lines(String text) {
    String normalized = text.replace("\r\n", "\n");
    if (normalized.endsWith("\n")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split("\n", -1));
  }
}
