package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static String render(java.util.function.Consumer<Progress> updates) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        updates.accept(Progress.textBar(out));
        return bytes.toString(StandardCharsets.UTF_8).replace(',', '.'); // locales with a decimal comma
    }

    @Test
    void textBar_redrawsInPlaceAndEndsTheLineWhenDone() {
        String s = render(p -> {
            p.update("f.gz", 0, 2_000_000);
            p.update("f.gz", 1_000_000, 2_000_000);
            p.update("f.gz", 2_000_000, 2_000_000);
        });
        assertEquals("\rf.gz [                    ]   0%  0.0/2.0 MB"
                + "\rf.gz [##########          ]  50%  1.0/2.0 MB"
                + "\rf.gz [####################] 100%  2.0/2.0 MB" + System.lineSeparator(), s);
    }

    @Test
    void textBar_skipsUpdatesThatChangeNothingVisible() {
        String s = render(p -> {
            for (int i = 0; i <= 1000; i++) {
                p.update("f", i, 100_000);
            }
        });
        assertEquals(2, s.split("\r", -1).length - 1, "0% and 1%: " + s);
    }

    @Test
    void textBar_unknownTotalShowsMegabytes() {
        String s = render(p -> p.update("f", 3_500_000, -1));
        assertTrue(s.equals("\rf 3.5 MB"), s);
    }
}
