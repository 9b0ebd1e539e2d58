package dev.descent.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * descent's JSON, on Jackson: records and maps to text and back, in one style for every file and line
 * descent writes. Record components become snake_case fields in declaration order; a {@code double} is
 * written with at most 10 significant digits (an integral value without a fraction: {@code 1000}, not
 * {@code 1000.0}) and a non-finite one as {@code null}, which reads back as NaN.
 *
 * <pre>{@code
 * String line = Json.write(Json.object("steps", 60, "test_accuracy", 0.9312));  // {"steps":60,"test_accuracy":0.9312}
 * AtomicFiles.write(file, Json.pretty(summary));                                 // two-space indent, "key": value
 * StudySummary back = Json.read(file, StudySummary.class);
 * }</pre>
 *
 * Reading is strict: every field of a record must be present (null where the record allows it), a
 * primitive may not be null, and a failure is an {@link IllegalArgumentException} that names the file,
 * the field (e.g. {@code runs[2].test_accuracy}) and what was wrong.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a later format may add fields
            .addModule(new SimpleModule("descent-numbers")
                    .addSerializer(Double.class, new DoubleText()).addSerializer(double.class, new DoubleText())
                    .addSerializer(Float.class, new FloatText()).addSerializer(float.class, new FloatText())
                    .addDeserializer(double.class, new NullAsNaN()))
            .build();

    private Json() {
    }

    /** {@code value} on one line, without spaces. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Indented by two spaces per level, {@code "key": value}, ending in a newline: for files people read. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writer(new Indented()).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads {@code file} as JSON without binding it, for readers that look at a field (a version) first. */
    public static JsonNode readTree(Path file) throws IOException {
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException(file + ": empty, expected a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw failure(file, e);
        }
    }

    /** Binds a tree read from {@code file} to {@code type}, validating every field (see the class comment). */
    public static <T> T read(Path file, JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw failure(file, e);
        }
    }

    /** Reads and binds {@code file} to {@code type}, validating every field (see the class comment). */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return read(file, readTree(file), type);
    }

    private static final Pattern MISSING = Pattern.compile("Missing (?:required )?creator property '([^']+)'.*", Pattern.DOTALL);

    /** What went wrong, where: {@code file: runs[2].test_accuracy is missing}. */
    private static IllegalArgumentException failure(Path file, JsonProcessingException e) {
        if (!(e instanceof JsonMappingException d)) {
            var at = e.getLocation();
            return new IllegalArgumentException(file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
        StringBuilder field = new StringBuilder();
        for (var ref : d.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = e.getOriginalMessage();
        Matcher missing = MISSING.matcher(message);
        if (missing.matches()) {
            if (!field.toString().endsWith(missing.group(1))) {
                field.append(field.isEmpty() ? "" : ".").append(missing.group(1));
            }
            message = "is missing";
        } else if (e.getCause() instanceof IllegalArgumentException invalid) {
            message = "invalid: " + invalid.getMessage();
        } else {
            message = "invalid: " + message.replaceAll("(?s)\\s*\\n.*", "");
        }
        return new IllegalArgumentException(file + ": " + (field.isEmpty() ? "" : field + " ") + message, e);
    }

    /** Builds an ordered object: {@code Json.object("a", 1, "b", "x")}. */
    public static Map<String, Object> object(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("Json.object needs key, value pairs, got " + keyValues.length + " arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** 10 significant digits without trailing zeros; integral values without a fraction; non-finite as null. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.format(Locale.ROOT, "%.10g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", "");
    }

    private static void writeDouble(double d, JsonGenerator g) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(number(d));
        } else {
            g.writeNull();
        }
    }

    private static final class DoubleText extends StdSerializer<Double> {
        DoubleText() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator g, SerializerProvider provider) throws IOException {
            writeDouble(value, g);
        }
    }

    private static final class FloatText extends StdSerializer<Float> {
        FloatText() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, JsonGenerator g, SerializerProvider provider) throws IOException {
            writeDouble(value.doubleValue(), g);
        }
    }

    /** A JSON null (what a non-finite double was written as) reads back as NaN into a {@code double}; a {@code Double} stays null. */
    private static final class NullAsNaN extends StdScalarDeserializer<Double> {
        NullAsNaN() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isNumeric()) {
                return p.getDoubleValue();
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    /** Two spaces per level, {@code "key": value}, one entry per line, {@code {}} and {@code []} when empty. */
    private static final class Indented implements PrettyPrinter, Instantiatable<Indented> {
        private int level;

        @Override
        public Indented createInstance() {
            return new Indented();
        }

        private void open(JsonGenerator g, char bracket) throws IOException {
            g.writeRaw(bracket);
            level++;
        }

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            g.writeRaw("  ".repeat(level));
        }

        private void separate(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        private void close(JsonGenerator g, int entries, char bracket) throws IOException {
            level--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw(bracket);
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        // @formatter:off — objects and arrays are laid out alike
        @Override public void writeStartObject(JsonGenerator g) throws IOException { open(g, '{'); }
        @Override public void beforeObjectEntries(JsonGenerator g) throws IOException { newline(g); }
        @Override public void writeObjectEntrySeparator(JsonGenerator g) throws IOException { separate(g); }
        @Override public void writeEndObject(JsonGenerator g, int entries) throws IOException { close(g, entries, '}'); }
        @Override public void writeStartArray(JsonGenerator g) throws IOException { open(g, '['); }
        @Override public void beforeArrayValues(JsonGenerator g) throws IOException { newline(g); }
        @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException { separate(g); }
        @Override public void writeEndArray(JsonGenerator g, int values) throws IOException { close(g, values, ']'); }
        // @formatter:on
    }
}
