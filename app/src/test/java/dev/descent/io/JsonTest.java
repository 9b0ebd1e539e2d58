package dev.descent.io;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    @Test
    void write_isOneLineWithoutSpaces_numbersToTenSignificantDigits() {
        assertEquals("{\"steps\":60,\"seed\":2,\"acc\":0.9312,\"loss\":0.1234567891,\"big\":1000,\"tiny\":1.5e-07,"
                        + "\"nan\":null,\"ok\":false,\"name\":\"a \\\"b\\\"\",\"list\":[1,2],\"empty\":{}}",
                Json.write(Json.object("steps", 60, "seed", 2L, "acc", 0.9312, "loss", 0.12345678912345, "big", 1000.0, "tiny", 1.5e-7,
                        "nan", Double.NaN, "ok", false, "name", "a \"b\"", "list", List.of(1, 2), "empty", Map.of())));
    }

    @Test
    void pretty_indentsTwoSpaces_oneEntryPerLine() {
        assertEquals("{\n  \"a\": [\n    1,\n    2.5\n  ],\n  \"b\": {},\n  \"c\": []\n}\n",
                Json.pretty(Json.object("a", List.of(1, 2.5), "b", Map.of(), "c", List.of())));
    }

    @Test
    void number_keepsTheFormatSummariesHaveAlwaysHad() {
        assertEquals("0.09124553578", Json.number(0.091245535781234));
        assertEquals("44.3717", Json.number(44.3717));
        assertEquals("-3", Json.number(-3.0));
        assertEquals("1e+20", Json.number(1e20));                 // %.10g, trailing zeros stripped
        assertEquals("1.5e-07", Json.number(1.5e-7));
    }
}
