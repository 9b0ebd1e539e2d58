package dev.descent.report;

import dev.descent.study.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InteractiveTest {

    @Test
    void page_runsOnlyTheScriptItsPolicyNames(@TempDir Path dir) throws Exception {
        String page = Files.readString(Report.write(dir, ReportBrowserTest.syntheticResults(), ReportBrowserTest.syntheticSpec(), 1));
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertTrue(script.find(), "an inline script");
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertEquals("'sha256-" + hash + "'", Interactive.SCRIPT_SOURCE, "the policy names the script the page holds");
        assertFalse(script.find(), "one executable script");
        assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"));
        assertTrue(page.indexOf("Content-Security-Policy") < page.indexOf("<script"), "the policy comes before any script");
    }

    @Test
    void json_cannotEndItsScriptElement_andRoundsToSixDigits() {
        List<RunResult.Row> rows = List.of(new RunResult.Row(1, 0.123456789, 0.1, 2, 0.5, Double.NaN, Double.NaN),
                new RunResult.Row(2, 1e-7 / 3, 0.1, 2, 1.0, 0.2, 0.987654321));
        String json = Interactive.json(new Interactive.Data("study", 1,
                List.of(Interactive.Series.of("a</script><script>alert(1)</script>", "a", rows, 1)), null));
        assertFalse(json.contains("<"), json);
        assertTrue(json.contains("\"label\":\"a\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\""), json);
        assertTrue(json.contains("\"loss\":[0.123457,3.33333e-08]"), json);
        assertTrue(json.contains("\"test_accuracy\":[null,0.987654]"), json);
        assertEquals(0.123457, Interactive.round(0.123456789));
        assertEquals(-2.5e-5, Interactive.round(-2.5e-5));
        assertTrue(Double.isNaN(Interactive.round(Double.NaN)));
    }

    @Test
    void aLongStudy_embedsEveryKthStep_theLastAndEveryEvaluation() {
        List<RunResult.Row> rows = new java.util.ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            rows.add(new RunResult.Row(t, 1.0 / t, 0.1, 1, 0.1 * t, Double.NaN, t == 5 ? 0.9 : Double.NaN));
        }
        // stride 3 keeps indices 0, 3, 6, 9 (the last too) and 4, the evaluation: steps 1, 4, 5, 7, 10
        Interactive.Series s = Interactive.Series.of("a", "a", rows, 3);
        assertEquals(List.of(1.0, 4.0, 5.0, 7.0, 10.0), s.cols().get("step"));
        assertEquals(Arrays.asList(Double.NaN, Double.NaN, 0.9, Double.NaN, Double.NaN), s.cols().get("test_accuracy"));
        assertEquals(10, Interactive.Series.of("a", "a", rows, 1).cols().get("step").size());
        assertEquals(3, Interactive.Data.stride(1_000_001, 500_000));
        assertEquals(1, Interactive.Data.stride(500_000, 500_000));
        assertEquals(2, Interactive.Data.stride(500_001, 500_000));
        assertEquals(1, Interactive.Data.stride(0, 500_000));
        assertEquals(1, Interactive.Data.study(ReportBrowserTest.syntheticResults()).stride(), "800 rows fit");
    }
}
