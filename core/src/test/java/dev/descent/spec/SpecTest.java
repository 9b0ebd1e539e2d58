package dev.descent.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecTest {

    private static SpecSyntaxException error(String text) {
        return assertThrows(SpecSyntaxException.class, () -> Spec.parse(text, "optimizer"));
    }

    @Test
    void parse_typesEachValue() {
        Spec s = Spec.parse("adam(beta1=0.95, amsgrad=TRUE, convention=tensorflow, note=\"a, b\", n=3, e=-1e-8)", "optimizer");
        assertEquals("adam", s.name());
        assertEquals(List.of("beta1", "amsgrad", "convention", "note", "n", "e"), List.copyOf(s.values().keySet()));
        assertEquals(0.95, ((Value.Num) s.get("beta1")).value());
        assertEquals(new Value.Bool(true), s.get("amsgrad"));
        assertEquals(new Value.Str("tensorflow"), s.get("convention"));
        assertEquals(new Value.Str("a, b"), s.get("note"));
        assertEquals(3L, ((Value.Num) s.get("n")).whole());
        assertEquals(-1e-8, ((Value.Num) s.get("e")).value());
    }

    @Test
    void parse_nestingAndLists() {
        Spec j = Spec.parse("join(schedules=[constant, cosine(decay_steps=900, alpha=0)], boundaries=[100])", "schedule");
        Value.Lst schedules = assertInstanceOf(Value.Lst.class, j.get("schedules"));
        assertEquals(new Value.Str("constant"), schedules.items().get(0));
        Spec cosine = assertInstanceOf(Spec.class, schedules.items().get(1));
        assertEquals("cosine", cosine.name());
        assertEquals(Value.of(900L), cosine.get("decay_steps"));
        assertEquals(new Value.Lst(List.of(Value.of(100L))), j.get("boundaries"));
        assertEquals(Spec.of("constant"), Spec.from("schedules", schedules.items().get(0)));
        Spec deep = Spec.parse("warmup(warmup_steps=5, schedule=per_epoch(schedule=step_decay(drop=0.5, epochs_drop=4)))", "schedule");
        assertEquals("step_decay", ((Spec) ((Spec) deep.get("schedule")).get("schedule")).name());
        assertEquals(new Value.Lst(List.of()), Spec.parse("f(x=[])").get("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "sgd()", "  Adam ( beta1 = 0.8 , convention = TensorFlow ) ",
            "join(schedules=[constant, cosine(decay_steps=900)], boundaries=[100])",
            "f(a=1e3, b=1.0E-10, c=-0.0, d=NaN, e=-Infinity, f=0.1, g=[[1, 2], [x, \"y z\"]], h=\"quote \\\" and \\\\\", i=true)",
            "f(s=\"true\", t=\"1.5\", u=\"\")"})
    void printThenParse_givesAnEqualSpec(String text) {
        Spec s = Spec.parse(text);
        assertEquals(s, Spec.parse(s.toString()));
        assertEquals(s.toString(), Spec.parse(s.toString()).toString());
    }

    @Test
    void numbers_printSoTheyReadBackToTheIdenticalDouble() {
        double[] xs = {0.1, 1.0 / 3, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 0.0, 1e15, 123456789012345.0, 0.001};
        for (double x : xs) {
            for (Value.Num n : List.of(Value.of(x), Value.compact(x))) {
                double back = ((Value.Num) Spec.parse("f(x=" + n + ")").get("x")).value();
                assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(back), n.text());
            }
        }
        assertEquals("1", Value.compact(1.0).toString());
        assertEquals("1.0", Value.of(1.0).toString());
        assertEquals("-0.0", Value.compact(-0.0).toString());
        assertEquals(Value.of(1.0), Value.compact(1.0));
        assertNotEquals(Value.of(0.0), Value.of(-0.0));
    }

    @Test
    void strings_thatLookLikeOtherValuesArePrintedQuoted() {
        assertEquals("\"true\"", new Value.Str("true").toString());
        assertEquals("\"1.5\"", new Value.Str("1.5").toString());
        assertEquals("\"a b\"", new Value.Str("a b").toString());
        assertEquals("pytorch_1_13", new Value.Str("pytorch_1_13").toString());
    }

    @Test
    void equality_isByValueAndKeepsOrderOutOfIt() {
        assertEquals(Spec.parse("f(a=1, b=2)"), Spec.parse("f(b=2.0, a=1e0)"));
        assertNotEquals(Spec.parse("f(a=1)"), Spec.parse("g(a=1)"));
        assertEquals(Spec.parse("f(a=1)").hashCode(), Spec.parse("f(a=1.0)").hashCode());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("beta1", 0.9);
        m.put("convention", "keras");
        assertEquals("adam(beta1=0.9, convention=keras)", Spec.of("adam", m).toString());
        assertEquals("adam(beta1=0.5, convention=keras, x=[1, 2])",
                Spec.of("adam", m).with("beta1", 0.5).with("x", new long[] {1, 2}).toString());
        assertEquals("adam(convention=keras)", Spec.of("adam", m).without("beta1").toString());
    }

    @Test
    void errors_sayWhatWhereAndWhatIsAllowed() {
        SpecSyntaxException e = error("adam(beta1)");
        assertEquals(SpecSyntaxException.Problem.EXPECTED_PAIR, e.problem());
        assertEquals(5, e.position());
        assertTrue(e.getMessage().startsWith("cannot parse optimizer spec 'adam(beta1)': expected key=value, got 'beta1' (at character 6)"), e.getMessage());
        assertTrue(e.getMessage().contains("a spec is name or name(key=value, ...)"), e.getMessage());

        assertEquals(SpecSyntaxException.Problem.MISSING_CLOSE, error("adam(beta1=0.9").problem());
        assertEquals(SpecSyntaxException.Problem.UNBALANCED, error("join(schedules=[constant, boundaries=[1])").problem());
        assertEquals(SpecSyntaxException.Problem.UNBALANCED, error("adam)").problem());
        SpecSyntaxException twice = error("adam(beta1=0.9, beta1=0.8)");
        assertEquals(SpecSyntaxException.Problem.DUPLICATE_KEY, twice.problem());
        assertEquals(16, twice.position());
        assertEquals(SpecSyntaxException.Problem.MISSING_KEY, error("adam(=0.9)").problem());
        assertEquals(SpecSyntaxException.Problem.MISSING_VALUE, error("adam(beta1=)").problem());
        assertEquals(SpecSyntaxException.Problem.EXPECTED_PAIR, error("adam(beta1=0.9,)").problem());
        assertEquals(SpecSyntaxException.Problem.UNTERMINATED_STRING, error("f(a=\"x)").problem());
        assertEquals(SpecSyntaxException.Problem.TRAILING, error("adam(beta1=0.9) x").problem());
        assertEquals(SpecSyntaxException.Problem.EMPTY, error("  ").problem());
        assertEquals(SpecSyntaxException.Problem.BAD_NAME, error("1adam").problem());
    }

    @Test
    void parseAll_readsACommaSeparatedList() {
        assertEquals(List.of(Spec.of("sgd"), Spec.parse("momentum(momentum=0.9, lr=0.01)"), Spec.of("adam")),
                Spec.parseAll("sgd, momentum(momentum=0.9, lr=0.01), adam", "optimizer"));
        assertEquals(SpecSyntaxException.Problem.EMPTY,
                assertThrows(SpecSyntaxException.class, () -> Spec.parseAll("sgd,,adam", "optimizer")).problem());
    }

    @Test
    void registry_unknownNamesAndKeysListWhatIsAllowed() {
        Registry<String> r = new Registry<>("thing", "%1$s: unknown parameter '%2$s'; allowed: %3$s");
        r.add(new Registry.Entry<>("box", "a box", List.of(new Param("size", Param.Type.NUMBER, "1", "> 0", "edge", "width")), s -> "box"));
        r.add(new Registry.Entry<>("dot", "a dot", List.of(), s -> "dot"));
        assertEquals("box", r.parse("Box(width=2)"));
        assertEquals("unknown thing 'cube'; known: box, dot",
                assertThrows(IllegalArgumentException.class, () -> r.parse("cube")).getMessage());
        assertEquals("box: unknown parameter 'depth'; allowed: size (or width)",
                assertThrows(IllegalArgumentException.class, () -> r.parse("box(depth=1)")).getMessage());
        assertEquals("dot: unknown parameter 'r'; allowed: none, dot takes none",
                assertThrows(IllegalArgumentException.class, () -> r.parse("dot(r=1)")).getMessage());
        assertEquals("box(size=1)", r.entry("box").usage());
    }
}
