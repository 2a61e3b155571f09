package dev.skim.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The operator tables of the README and of the package documentation are the registry's
 * definitions, written out. On a failure the message holds the table to paste.
 */
class OperatorTablesTest {
    private static final String README_HEADER =
            "| operator | parameters (default, bounds) | what it does | paper |";

    /** The README table, in Markdown. */
    static List<String> markdownTable() {
        List<String> out = new ArrayList<>();
        out.add(README_HEADER);
        out.add("|---|---|---|---|");
        for (OperatorDefinition d : OperatorRegistry.all()) {
            out.add(
                    "| `"
                            + d.name()
                            + "` | "
                            + params(d, s -> "`" + s + "`", s -> s)
                            + " | "
                            + d.summary()
                            + " | "
                            + d.paper()
                            + " |");
        }
        return out;
    }

    /** The package-info table, in HTML (Javadoc), without the leading " * ". */
    static List<String> javadocTable() {
        List<String> out = new ArrayList<>();
        out.add("<table>");
        out.add(
                "  <caption>Operators (from OperatorRegistry; OperatorTablesTest checks)</caption>");
        out.add(
                "  <tr><th>name</th><th>parameters (default, bounds)</th><th>what it does</th>"
                        + "<th>paper</th><th>class</th></tr>");
        for (OperatorDefinition d : OperatorRegistry.all()) {
            String type = ChainSpec.parse(d.example()).operators().get(0).getClass().getName();
            out.add(
                    "  <tr><td>"
                            + d.name()
                            + "</td><td>"
                            + params(
                                    d,
                                    s -> "<code>" + html(s) + "</code>",
                                    OperatorTablesTest::html)
                            + "</td><td>"
                            + html(d.summary())
                            + "</td><td>"
                            + html(d.paper())
                            + "</td><td>{@link "
                            + type
                            + "}</td></tr>");
        }
        out.add("</table>");
        return out;
    }

    /**
     * Parameters as {@code name=default bounds (words; note)}, separated by "; ", or "none".
     *
     * @param code how to write code (names and defaults)
     * @param text how to write plain text
     */
    private static String params(
            OperatorDefinition d, UnaryOperator<String> code, UnaryOperator<String> text) {
        List<String> parts = new ArrayList<>();
        for (Param p : d.params()) {
            String fallback = p.fallback() != null ? p.fallback() : p.computed();
            StringBuilder sb =
                    new StringBuilder(
                            code.apply(p.name() + (fallback == null ? "" : "=" + fallback)));
            String bounds = p.bounds(Map.of());
            if (!bounds.isEmpty()) {
                sb.append(' ').append(text.apply(bounds));
            }
            List<String> extras = new ArrayList<>();
            if (p.type() == Param.Type.WORD) {
                extras.add(String.join(", ", p.words()));
            }
            if (p.note() != null) {
                extras.add(p.note());
            }
            if (!extras.isEmpty()) {
                sb.append(" (").append(text.apply(String.join("; ", extras))).append(')');
            }
            parts.add(sb.toString());
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null
                && !(Files.exists(dir.resolve("README.md"))
                        && Files.isDirectory(dir.resolve("core")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    @Test
    void shouldListExactlyTheRegisteredOperatorsInTheReadme() throws IOException {
        List<String> lines = Files.readAllLines(repo().resolve("README.md"));
        int start = lines.indexOf(README_HEADER);
        assertThat(start)
                .as("README.md has the operator table header " + README_HEADER)
                .isNotNegative();
        int end = start;
        while (end < lines.size() && lines.get(end).startsWith("|")) {
            end++;
        }
        assertThat(String.join("\n", lines.subList(start, end)))
                .as("README.md operator table (paste the expected one)")
                .isEqualTo(String.join("\n", markdownTable()));
    }

    @Test
    void shouldListExactlyTheRegisteredOperatorsInThePackageDocumentation() throws IOException {
        Path file =
                repo().resolve("core/src/main/java/dev/skim/core/compression/package-info.java");
        List<String> lines = Files.readAllLines(file);
        List<String> table = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            String text = line.replaceFirst("^\\s*\\* ?", "");
            in |= text.equals("<table>");
            if (in) {
                table.add(text);
            }
            if (text.equals("</table>")) {
                break;
            }
        }
        assertThat(String.join("\n", table))
                .as("package-info.java operator table (paste the expected one after ' * ')")
                .isEqualTo(String.join("\n", javadocTable()));
    }
}
