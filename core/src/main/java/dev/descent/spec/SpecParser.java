package dev.descent.spec;

import dev.descent.spec.SpecSyntaxException.Problem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one spec parser, recursive descent over the text:
 * <pre>
 * specs := spec (',' spec)*
 * spec  := name [ '(' [ key '=' value (',' key '=' value)* ] ')' ]
 * value := '[' [ value (',' value)* ] ']' | '"' chars '"' | name '(' ... ')' | atom
 * </pre>
 * An atom is read up to the next {@code , ) ]} and is a boolean, a number or a word ({@link Value#parse}).
 * Whitespace around names, keys and values is ignored. Brackets are checked first, so that an unbalanced text
 * is reported as such rather than as whatever the descent meets first.
 */
final class SpecParser {

    private final String text;
    private final String kind;
    private int pos;

    private SpecParser(String text, String kind) {
        this.text = text;
        this.kind = kind;
    }

    static Spec spec(String text, String kind) {
        SpecParser p = new SpecParser(text, kind);
        p.checkBrackets();
        p.skipSpace();
        if (p.pos == text.length()) {
            throw p.error(Problem.EMPTY, "the text is empty");
        }
        Spec s = p.spec();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error(Problem.TRAILING, "unexpected '" + text.substring(p.pos).strip() + "' after the spec");
        }
        return s;
    }

    static List<Spec> specs(String text, String kind) {
        SpecParser p = new SpecParser(text, kind);
        p.checkBrackets();
        List<Spec> out = new ArrayList<>();
        do {
            p.skipSpace();
            if (p.pos == text.length() || p.peek() == ',') {
                throw p.error(Problem.EMPTY, "empty item in the list");
            }
            out.add(p.spec());
            p.skipSpace();
            if (p.pos < text.length() && p.peek() != ',') {
                throw p.error(Problem.TRAILING, "unexpected '" + text.substring(p.pos).strip() + "' after a spec");
            }
        } while (p.pos < text.length() && p.next() == ',');
        return out;
    }

    static Value value(String text, String kind) {
        SpecParser p = new SpecParser(text, kind);
        p.checkBrackets();
        p.skipSpace();
        Value v = p.value("value");
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error(Problem.TRAILING, "unexpected '" + text.substring(p.pos).strip() + "' after the value");
        }
        return v;
    }

    private Spec spec() {
        int start = pos;
        String name = atomText();
        if (name.isEmpty() || !Value.WORD.matcher(name).matches()) {
            throw error(Problem.BAD_NAME, "expected a name (letters, digits, _), got '" + name + "'", start);
        }
        skipSpace();
        Map<String, Value> values = new LinkedHashMap<>();
        if (pos < text.length() && peek() == '(') {
            pos++;
            skipSpace();
            if (peek() == ')') {
                pos++;
                return new Spec(name, values);
            }
            while (true) {
                pair(values);
                skipSpace();
                char c = next();
                if (c == ')') {
                    break;
                }
                if (c != ',') {
                    throw error(Problem.EXPECTED_PAIR, "expected ',' or ')', got '" + c + "'", pos - 1);
                }
            }
        }
        return new Spec(name, values);
    }

    private void pair(Map<String, Value> values) {
        skipSpace();
        int start = pos;
        int end = partEnd(pos);
        String part = text.substring(start, end).strip();
        int eq = text.indexOf('=', start);
        if (eq < 0 || eq >= end || text.substring(start, eq).contains("(") || text.substring(start, eq).contains("[")) {
            throw error(Problem.EXPECTED_PAIR, "expected key=value, got '" + part + "'", start);
        }
        String key = text.substring(start, eq).strip();
        if (key.isEmpty()) {
            throw error(Problem.MISSING_KEY, "missing key before '=' in '" + part + "'", start);
        }
        if (!Value.WORD.matcher(key).matches()) {
            throw error(Problem.EXPECTED_PAIR, "a key is a word (letters, digits, _), got '" + key + "'", start);
        }
        pos = eq + 1;
        skipSpace();
        if (pos >= end) {
            throw error(Problem.MISSING_VALUE, "missing value for " + key, pos);
        }
        if (values.containsKey(key)) {
            throw error(Problem.DUPLICATE_KEY, key + " given twice", start);
        }
        values.put(key, value(key));
    }

    private Value value(String key) {
        skipSpace();
        int start = pos;
        if (pos >= text.length()) {
            throw error(Problem.MISSING_VALUE, "missing value for " + key, pos);
        }
        char c = peek();
        if (c == '[') {
            pos++;
            List<Value> items = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return new Value.Lst(items);
            }
            while (true) {
                skipSpace();
                if (peek() == ',' || peek() == ']') {
                    throw error(Problem.MISSING_VALUE, "empty item in the list " + key, pos);
                }
                items.add(value(key));
                skipSpace();
                char d = next();
                if (d == ']') {
                    return new Value.Lst(items);
                }
                if (d != ',') {
                    throw error(Problem.EXPECTED_PAIR, "expected ',' or ']' in the list " + key + ", got '" + d + "'", pos - 1);
                }
            }
        }
        if (c == '"') {
            return new Value.Str(quoted());
        }
        String atom = atomText();
        skipSpace();
        if (pos < text.length() && peek() == '(') {
            pos = start;
            return spec();
        }
        if (atom.isEmpty()) {
            throw error(Problem.MISSING_VALUE, "missing value for " + key, start);
        }
        return atom(atom);
    }

    /** An unquoted value: a boolean, a number, or else a string. */
    static Value atom(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return new Value.Bool(Boolean.parseBoolean(s));
        }
        if (Value.NUMBER.matcher(s).matches()) {
            return new Value.Num(Double.parseDouble(s), s);
        }
        return new Value.Str(s);
    }

    private String quoted() {
        int start = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            b.append(c);
        }
        throw error(Problem.UNTERMINATED_STRING, "string not closed with '\"'", start);
    }

    /** The text up to the next {@code , ( ) [ ] =} or quote, stripped. */
    private String atomText() {
        int start = pos;
        while (pos < text.length() && ",()[]=\"".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos).strip();
    }

    /** Where the key=value part starting at {@code from} ends: the next ',' or ')' outside brackets and quotes. */
    private int partEnd(int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i = nextOutsideString(i)) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth-- == 0) {
                return i;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private void checkBrackets() {
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i = nextOutsideString(i)) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                open.push(i);
            } else if (c == ')' || c == ']') {
                if (open.isEmpty() || text.charAt(open.pop()) != (c == ')' ? '(' : '[')) {
                    throw error(Problem.UNBALANCED, "unbalanced '" + c + "'", i);
                }
            }
        }
        if (open.size() == 1 && text.charAt(open.peek()) == '(') {
            throw error(Problem.MISSING_CLOSE, "missing ')' at the end", text.length());
        }
        if (!open.isEmpty()) {
            throw error(Problem.UNBALANCED, "unbalanced '" + text.charAt(open.peek()) + "', never closed", open.peek());
        }
    }

    /** The index after {@code i}, skipping a whole quoted string when {@code i} opens one. */
    private int nextOutsideString(int i) {
        if (text.charAt(i) != '"') {
            return i + 1;
        }
        for (int j = i + 1; j < text.length(); j++) {
            if (text.charAt(j) == '\\') {
                j++;
            } else if (text.charAt(j) == '"') {
                return j + 1;
            }
        }
        throw error(Problem.UNTERMINATED_STRING, "string not closed with '\"'", i);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error(Problem.MISSING_CLOSE, "unexpected end of the text", pos);
        }
        return text.charAt(pos++);
    }

    private SpecSyntaxException error(Problem problem, String detail) {
        return error(problem, detail, pos);
    }

    private SpecSyntaxException error(Problem problem, String detail, int at) {
        return new SpecSyntaxException(problem, kind, text, at, detail);
    }
}
