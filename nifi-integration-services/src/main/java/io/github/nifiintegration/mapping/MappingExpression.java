package io.github.nifiintegration.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one canonical field's mapping: a path into the source record, then an optional chain
 * of normalizer calls separated by {@code |}:
 * <pre>{@code /contact/phones[*]/number | phone(AU) | all}</pre>
 * Arguments go in parentheses, separated by commas; quote an argument (single or double quotes) when
 * it contains a comma or a parenthesis: {@code date('MMM d, yyyy')}. The path is kept as text: how it
 * is evaluated is the caller's business (the NiFi processor compiles it as a RecordPath).
 */
public record MappingExpression(String path, List<Call> calls) {

    /** One step of the chain: a normalizer's name and its arguments. */
    public record Call(String name, List<String> args) {
        public Call {
            args = List.copyOf(args);
        }
    }

    public MappingExpression {
        calls = List.copyOf(calls);
    }

    /**
     * Parses a mapping expression.
     *
     * @throws IllegalArgumentException with a message that says where the text is wrong
     */
    public static MappingExpression parse(final String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the mapping is empty: give a path such as /email, optionally followed by | normalizers");
        }
        final List<String> segments = splitTopLevel(text, '|');
        final String path = segments.get(0).strip();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the mapping has no path before the first '|'");
        }
        final List<Call> calls = new ArrayList<>();
        for (int i = 1; i < segments.size(); i++) {
            calls.add(parseCall(segments.get(i).strip(), i));
        }
        return new MappingExpression(path, calls);
    }

    private static Call parseCall(final String segment, final int position) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("normalizer " + position + " of the chain is empty (two '|' in a row, or a trailing '|')");
        }
        final int open = segment.indexOf('(');
        if (open < 0) {
            checkName(segment, position);
            return new Call(segment, List.of());
        }
        if (!segment.endsWith(")")) {
            throw new IllegalArgumentException("normalizer '" + segment + "' opens '(' but does not end with ')'");
        }
        final String name = segment.substring(0, open).strip();
        checkName(name, position);
        final String argText = segment.substring(open + 1, segment.length() - 1);
        final List<String> args = new ArrayList<>();
        if (!argText.isBlank()) {
            for (final String raw : splitTopLevel(argText, ',')) {
                args.add(unquote(raw.strip()));
            }
        }
        return new Call(name, args);
    }

    private static void checkName(final String name, final int position) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("'" + name + "' (normalizer " + position + " of the chain) is not a normalizer name");
        }
    }

    private static String unquote(final String arg) {
        if (arg.length() >= 2 && (arg.startsWith("'") && arg.endsWith("'") || arg.startsWith("\"") && arg.endsWith("\""))) {
            return arg.substring(1, arg.length() - 1);
        }
        return arg;
    }

    /** Splits on a separator that is not inside quotes, brackets or parentheses. */
    private static List<String> splitTopLevel(final String text, final char separator) {
        final List<String> parts = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a quote (" + quote + ") is not closed in: " + text);
        }
        if (depth != 0) {
            throw new IllegalArgumentException("brackets or parentheses are not balanced in: " + text);
        }
        parts.add(current.toString());
        return parts;
    }
}
