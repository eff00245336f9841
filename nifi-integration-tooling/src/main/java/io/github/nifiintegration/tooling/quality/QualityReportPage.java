package io.github.nifiintegration.tooling.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.nifiintegration.matching.Contribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality report as one self-contained HTML page (no network needed to open it): per data set,
 * precision and recall against the match-weight threshold, the weight histogram of true and false
 * pairs, and a waterfall of the per-field contributions of any listed pair, chosen from a menu.
 */
final class QualityReportPage {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int PAD = 40;

    private QualityReportPage() {
    }

    static void write(final List<QualityReport> reports, final Path file) throws IOException {
        final StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>nifi-integration match quality</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1000px;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}")
                .append("svg{background:#fafafa;border:1px solid #ddd;margin:6px 0}.legend span{margin-right:1em}")
                .append(".p{color:#1f77b4}.r{color:#d62728}.t{color:#2ca02c}.f{color:#ff7f0e}</style></head><body>")
                .append("<h1>Match quality</h1><p>Made by <code>./run-tool.sh quality</code>. Models estimated without labels. ")
                .append("Curves and histograms cover every pair the blocking rules bring together, scored with the model's weights; ")
                .append("true pairs no rule brings together are lost at any threshold and lower the recall.</p>");
        final ObjectMapper json = new ObjectMapper();
        final ArrayNode allExamples = json.createArrayNode();
        for (final QualityReport report : reports) {
            section(html, report);
            for (final QualityReport.ExplainedPair example : report.examples) {
                final ObjectNode node = allExamples.addObject();
                node.put("label", report.dataset.name() + ": " + example.kind() + " " + example.leftId() + " ~ " + example.rightId());
                node.put("prior", report.model.priorWeight());
                node.put("weight", example.score().weight());
                final ArrayNode contributions = node.putArray("contributions");
                for (final Contribution contribution : example.score().contributions()) {
                    contributions.addObject().put("name", contribution.comparison() + " (" + contribution.level() + ")").put("weight", contribution.weight())
                            .put("left", String.valueOf(contribution.left())).put("right", String.valueOf(contribution.right()));
                }
            }
        }
        html.append("<h2>Why a pair scores what it scores</h2><p>Choose a pair: the bars add up from the prior to the pair's match weight.</p>")
                .append("<select id=\"pair\" onchange=\"draw()\"></select><div id=\"waterfall\"></div><script>const pairs=")
                .append(json.writeValueAsString(allExamples).replace("</", "<\\/"))
                .append(";").append(WATERFALL_SCRIPT).append("</script></body></html>");
        Files.writeString(file, html);
    }

    private static void section(final StringBuilder html, final QualityReport report) {
        html.append("<h2>").append(escape(report.dataset.name())).append("</h2><table><tr><th>records</th><th>precision</th><th>recall</th><th>F1</th>")
                .append("<th>true pairs</th><th>blocked</th><th>entities reproduced exactly</th></tr><tr>")
                .append(cell(String.format(Locale.ROOT, "%,d", report.dataset.records().size())))
                .append(cell(String.format(Locale.ROOT, "%.4f", report.resolved.precision())))
                .append(cell(String.format(Locale.ROOT, "%.4f", report.resolved.recall())))
                .append(cell(String.format(Locale.ROOT, "%.4f", report.resolved.f1())))
                .append(cell(String.format(Locale.ROOT, "%,d", report.truePairs)))
                .append(cell(String.format(Locale.ROOT, "%.1f%%", 100.0 * report.blockedTruePairs / Math.max(1, report.truePairs))))
                .append(cell(String.format(Locale.ROOT, "%.1f%%", report.exactClusterShare * 100))).append("</tr></table>");
        curve(html, report);
        histogram(html, report);
        html.append("<h3>Worst errors</h3><table><tr><th>kind</th><th>pair</th><th>weight</th><th style=\"text-align:left\">contributions</th></tr>");
        for (final QualityReport.ExplainedPair example : report.examples) {
            html.append("<tr><td>").append(example.kind()).append("</td><td>").append(escape(example.leftId() + " ~ " + example.rightId()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f", example.score().weight())).append("</td><td style=\"text-align:left\">")
                    .append(escape(QualityReport.summary(example.score().contributions()))).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void curve(final StringBuilder html, final QualityReport report) {
        html.append("<h3>Precision and recall against the match-weight threshold</h3><div class=\"legend\"><span class=\"p\">&#9632; precision</span>")
                .append("<span class=\"r\">&#9632; recall</span><span>| the model's match threshold</span></div>");
        html.append(svgOpen()).append(axes("match weight threshold (bits)", "-20", "40", "1"));
        html.append(polyline(report.curve.stream().map(p -> new double[]{p.weight(), p.precision()}).toList(), "#1f77b4"));
        html.append(polyline(report.curve.stream().map(p -> new double[]{p.weight(), p.recall()}).toList(), "#d62728"));
        final double threshold = Math.log(report.model.matchThreshold() / (1 - report.model.matchThreshold())) / Math.log(2);
        html.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4\"/>",
                x(threshold), PAD / 2, x(threshold), HEIGHT - PAD));
        html.append("</svg>");
    }

    private static void histogram(final StringBuilder html, final QualityReport report) {
        html.append("<h3>Match weights of blocked pairs (log scale)</h3><div class=\"legend\"><span class=\"t\">&#9632; true pairs</span>")
                .append("<span class=\"f\">&#9632; false pairs</span></div>");
        double largest = 1;
        long largestCount = 1;
        for (final long[] counts : report.histogram.values()) {
            largest = Math.max(largest, Math.log10(1 + Math.max(counts[0], counts[1])));
            largestCount = Math.max(largestCount, Math.max(counts[0], counts[1]));
        }
        html.append(svgOpen()).append(axes("match weight (bits; beyond -20 and 40 in the end bars)", "-20", "40", String.format(Locale.ROOT, "%,d", largestCount)));
        for (final Map.Entry<Integer, long[]> bin : report.histogram.entrySet()) {
            final double left = x(bin.getKey());
            final double width = Math.max(1, (x(bin.getKey() + 2) - left) / 2 - 1);
            for (int kind = 1; kind >= 0; kind--) {
                final double height = (HEIGHT - 1.5 * PAD) * Math.log10(1 + bin.getValue()[kind]) / largest;
                html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %,d</title></rect>",
                        left + (kind == 1 ? 0 : width), HEIGHT - PAD - height, width, height, kind == 1 ? "#2ca02c" : "#ff7f0e",
                        kind == 1 ? "true pairs" : "false pairs", bin.getValue()[kind]));
            }
        }
        html.append("</svg>");
    }

    private static String svgOpen() {
        return "<svg width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" xmlns=\"http://www.w3.org/2000/svg\">";
    }

    private static String axes(final String label, final String from, final String to, final String top) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>"
                        + "<text x=\"4\" y=\"%d\" font-size=\"11\">%s</text><text x=\"4\" y=\"%d\" font-size=\"11\">0</text>",
                PAD, HEIGHT - PAD, WIDTH - 10, HEIGHT - PAD, PAD, PAD / 2, PAD, HEIGHT - PAD,
                PAD, HEIGHT - PAD + 14, from, WIDTH - 30, HEIGHT - PAD + 14, to, WIDTH / 2 - 60, HEIGHT - 8, escape(label), PAD / 2 + 4, escape(top), HEIGHT - PAD);
    }

    private static String polyline(final List<double[]> points, final String colour) {
        final StringBuilder line = new StringBuilder("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"");
        for (final double[] point : points) {
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(point[0]), y(point[1])));
        }
        return line.append("\"/>").toString();
    }

    private static double x(final double weight) {
        return PAD + (Math.max(-20, Math.min(40, weight)) + 20) / 60.0 * (WIDTH - PAD - 10);
    }

    private static double y(final double share) {
        return HEIGHT - PAD - share * (HEIGHT - 1.5 * PAD);
    }

    private static String cell(final String text) {
        return "<td>" + escape(text) + "</td>";
    }

    static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String WATERFALL_SCRIPT = """
            const select=document.getElementById('pair');
            pairs.forEach((p,i)=>{const o=document.createElement('option');o.value=i;o.textContent=p.label;select.appendChild(o);});
            function esc(t){return String(t).replace(/&/g,'&amp;').replace(/</g,'&lt;');}
            function draw(){
              const p=pairs[select.value]; if(!p){return;}
              const steps=[{name:'prior',weight:p.prior,left:'',right:''}].concat(p.contributions);
              let run=0,lo=0,hi=0; steps.forEach(s=>{run+=s.weight;lo=Math.min(lo,run,run-s.weight);hi=Math.max(hi,run,run-s.weight);});
              const W=760,rowH=24,H=(steps.length+1)*rowH+30,L=260,span=(hi-lo)||1,sx=v=>L+(v-lo)/span*(W-L-20);
              let svg=`<svg width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg"><line x1="${sx(0)}" y1="0" x2="${sx(0)}" y2="${H}" stroke="#999"/>`;
              run=0; steps.forEach((s,i)=>{const a=sx(run),b=sx(run+s.weight);run+=s.weight;
                svg+=`<text x="4" y="${i*rowH+18}" font-size="12">${esc(s.name)}</text><rect x="${Math.min(a,b)}" y="${i*rowH+5}" width="${Math.max(1,Math.abs(b-a))}" height="16" fill="${s.weight>=0?'#2ca02c':'#d62728'}"><title>${esc(s.left)} | ${esc(s.right)}</title></rect><text x="${Math.max(a,b)+4}" y="${i*rowH+18}" font-size="11">${s.weight.toFixed(2)}</text>`;});
              svg+=`<text x="4" y="${steps.length*rowH+18}" font-size="12" font-weight="bold">match weight ${p.weight.toFixed(2)}, probability ${(1/(1+Math.pow(2,-p.weight))).toFixed(5)}</text></svg>`;
              let table='<table><tr><th>comparison</th><th>one record</th><th>the other</th><th>weight</th></tr>';
              p.contributions.forEach(c=>{table+=`<tr><td>${esc(c.name)}</td><td>${esc(c.left)}</td><td>${esc(c.right)}</td><td>${c.weight.toFixed(2)}</td></tr>`;});
              document.getElementById('waterfall').innerHTML=svg+table+'</table>';
            }
            draw();
            """;
}
