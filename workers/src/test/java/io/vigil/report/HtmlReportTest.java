package io.vigil.report;

import static io.vigil.report.ReportFixtures.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.model.anomaly.Anomaly;
import org.junit.jupiter.api.Test;

/** The HTML report built from {@link ReportFixtures#hostile}, whose values try to inject markup. */
class HtmlReportTest {

  @Test
  void escapingCoversEveryCharacterThatEndsTextOrAnAttribute() {
    assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
        Html.escape("<a href=\"x\" title='y'>&amp;</a>"));
    assertEquals("", Html.escape(null));
  }

  @Test
  void noValueFromTheDataBecomesMarkup() {
    String html = HtmlReport.render(ReportFixtures.hostile());

    assertFalse(html.contains("<script"), "no script element, from the data or of its own");
    assertFalse(html.contains("<img"), "the attribute breakout stays text");
    assertTrue(html.contains("user=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the key shows as text");
    assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;:80"), "the flow's address shows as text");
    assertTrue(html.contains("Alert &amp; &lt;script&gt;"));
    assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""),
        "the page may load and run nothing");
    assertEquals(0, occurrences(html, "(src|href)=\"(https?:)?//"), "nothing is fetched or linked outside the file");
  }

  @Test
  void everyChartAndRowIsThereOnceWithItsLinks() {
    ReportData data = ReportFixtures.hostile();
    String html = HtmlReport.render(data);

    assertEquals(2, occurrences(html, "<svg class=\"chart\""));
    assertEquals(2, occurrences(html, "<circle class=\"anomaly\""), "one dot per charted anomaly");
    assertEquals(2, occurrences(html, "<path class=\"band\""), "one band per chart, over the bins with forecasts");
    assertEquals(2, occurrences(html, "<tr class=\"source\""));
    assertEquals(3, occurrences(html, "<tr class=\"anomaly\""));
    assertEquals(1, occurrences(html, "<tr class=\"incident\""));
    assertEquals(1, occurrences(html, "<tr class=\"detection\""));
    assertEquals(2, occurrences(html, "<tr class=\"flow\""));
    assertEquals(2, occurrences(html, "<tr class=\"technique\""));
    assertTrue(html.contains("TA0007 Discovery") && html.contains("not mapped"));
    Anomaly spike = data.topAnomalies().get(0);
    assertTrue(html.contains("<tr class=\"anomaly\" id=\"" + spike.id() + "\""));
    assertTrue(html.contains("<a href=\"#" + spike.id() + "\">"), "the chart's dot links to the anomaly's row");
    assertTrue(html.contains("<a href=\"#chart-Logons-1\">" + spike.id() + "</a>"), "the row links to its chart");
    assertTrue(html.contains("2 of 3 series with anomalies"));
    assertTrue(html.contains("no series generated yet"), "a source without series says so");
  }

  @Test
  void axisLabelsStayShortForLargeValues() {
    assertEquals("9,999", SeriesChart.axisNumber(9_999));
    assertEquals("12.5k", SeriesChart.axisNumber(12_500));
    assertEquals("-20.7M", SeriesChart.axisNumber(-20_700_997));
    assertEquals("1.2G", SeriesChart.axisNumber(1.2e9));
    assertEquals("0.50", SeriesChart.axisNumber(0.5));
  }
}
