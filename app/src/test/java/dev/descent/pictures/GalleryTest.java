package dev.descent.pictures;

import dev.descent.landscape.Comparison;
import dev.descent.landscape.GradientNoise;
import dev.descent.landscape.Landscapes;
import dev.descent.landscape.LrTuner;
import dev.descent.landscape.PathSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GalleryTest {

    @Test
    void entries_haveUniqueIdsAndIncludeTheAdaGradPair() {
        Set<String> ids = new HashSet<>();
        for (Gallery.Entry e : Gallery.entries()) {
            assertTrue(ids.add(e.id()), "duplicate id " + e.id());
        }
        assertTrue(ids.containsAll(List.of("adagrad-slow", "adagrad-fast", "momentum-overshoot", "rosenbrock-tuned", "saddle",
                "noisy-quadratic", "schedule-free-sequences")), ids.toString());
    }

    @Test
    void index_linksEveryFileRelatively(@TempDir Path tmp) throws Exception {
        Gallery.Entry one = new Gallery.Entry("bowl", "A bowl", "SGD on a bowl.", new Comparison(Landscapes.parse("bowl"),
                List.of(PathSpec.parse("sgd(lr=0.1)")), null, 10, GradientNoise.NONE, LrTuner.DEFAULT_SPACE));
        Gallery.write(tmp, new PrintStream(new ByteArrayOutputStream()), List.of(one));
        String html = Files.readString(tmp.resolve("index.html"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            String link = m.group(1);
            assertFalse(link.contains("/") || link.contains(":"), "relative, same folder: " + link);
            assertTrue(Files.isRegularFile(tmp.resolve(link)), "exists: " + link);
            links++;
        }
        assertEquals(7, links, html); // 3 pictures, each linking a file, and the CSV
        assertTrue(html.contains("SGD on a bowl."));
    }
}
