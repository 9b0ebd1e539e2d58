package dev.descent.report;

import dev.descent.study.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
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
        String json = Interactive.json(new Interactive.Data("study",
                List.of(Interactive.Series.of("a</script><script>alert(1)</script>", "a", rows)), null));
        assertFalse(json.contains("<"), json);
        assertTrue(json.contains("\"label\":\"a\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\""), json);
        assertTrue(json.contains("\"loss\":[0.123457,3.33333e-08]"), json);
        assertTrue(json.contains("\"test_accuracy\":[null,0.987654]"), json);
        assertEquals(0.123457, Interactive.round(0.123456789));
        assertEquals(-2.5e-5, Interactive.round(-2.5e-5));
        assertTrue(Double.isNaN(Interactive.round(Double.NaN)));
    }
}
