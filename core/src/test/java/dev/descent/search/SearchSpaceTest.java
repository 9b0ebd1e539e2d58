package dev.descent.search;

import dev.descent.spec.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceTest {

    private static final String TEXT = "space(lr=range(low=1.0E-5, high=1, scale=log, points=11), momentum=[0.9, 0.99], "
            + "nesterov=[true, false], convention=[tensorflow, pytorch], decay=range(low=0, high=0.1, scale=linear))";

    @Test
    void print_parse_roundTrips() {
        SearchSpace s = SearchSpace.parse(TEXT);
        assertEquals(TEXT, s.toString());
        assertEquals(s, SearchSpace.parse(s.toString()));
        assertEquals(List.of("lr", "momentum", "nesterov", "convention", "decay"), s.names());
        assertEquals(new Dimension.Range("lr", 1e-5, 1, Scale.LOG, 11), s.dimensions().get(0));
        assertEquals(new Dimension.Choice("nesterov", List.of(new Value.Bool(true), new Value.Bool(false))), s.dimensions().get(2));
        assertEquals(new Dimension.Range("decay", 0, 0.1, Scale.LINEAR, 0), s.dimensions().get(4));
    }

    @Test
    void parse_userForms_readAsWritten() {
        SearchSpace s = SearchSpace.parse("space(lr=range(low=1e-5, high=1, scale=LOG, points=11))");
        assertEquals(SearchSpace.of(new Dimension.Range("lr", 1e-5, 1, Scale.LOG, 11)), s);
        assertEquals("space(lr=range(low=1.0E-5, high=1, scale=log, points=11))", s.toString());
        assertEquals(Scale.LINEAR, ((Dimension.Range) SearchSpace.parse("space(x=range(low=0, high=1))").dimensions().get(0)).scale());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "space(lr=range(low=0, high=1, scale=log))|a log range needs low > 0, got low=0",
            "space(lr=range(low=1, high=1))|range needs low < high, got low=1.0, high=1.0",
            "space(lr=range(low=2, high=1))|range needs low < high",
            "space(lr=range(low=1e-3, high=1, points=0))|points must be a whole number in [1, 1000000], got 0",
            "space(lr=range(low=1e-3, high=1, points=2.5))|points must be a whole number",
            "space(lr=range(low=NaN, high=1))|range bounds must be finite numbers",
            "space(lr=range(low=0, high=Infinity))|range bounds must be finite numbers",
            "space(lr=range(low=1e-3, high=1, scale=cubic))|scale must be log or linear, got 'cubic'",
            "space(lr=range(low=1e-3, high=1, step=2))|unknown range key 'step'; allowed: low, high, scale, points",
            "space(lr=range(high=1))|range needs a number low, got none",
            "space(lr=0.1)|a search dimension is a list such as [0.9, 0.99] or range(",
            "space(m=[])|a choice needs at least one value",
            "space(m=[0.9, 0.9])|choice values must differ",
            "space(m=[0.9, NaN])|choice numbers must be finite, got NaN",
            "space(m=[[1, 2]])|choice values are numbers, booleans or strings",
            "space|a search space needs at least one dimension",
            "grid(lr=[1])|a search space is written space(key=..., ...), got 'grid'",
    })
    void parse_badSpace_saysWhatIsWrongAndAllowed(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void of_duplicateName_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.of(
                new Dimension.Choice("lr", List.of(Value.of(0.1))), new Dimension.Range("lr", 0.1, 1, Scale.LOG, 2)));
        assertEquals("search dimension 'lr' is given twice; each key at most once", e.getMessage());
    }

    @Test
    void point_namesValuesInOrder() {
        SearchSpace s = SearchSpace.parse("space(lr=[0.1], momentum=[0.9])");
        assertEquals("point(lr=0.1, momentum=0.9)", s.point(List.of(Value.of(0.1), Value.of(0.9))).toString());
        assertThrows(IllegalArgumentException.class, () -> s.point(List.of(Value.of(0.1))));
    }
}
