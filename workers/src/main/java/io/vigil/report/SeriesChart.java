package io.vigil.report;

import io.vigil.investigation.SeriesWindow;
import io.vigil.model.anomaly.Anomaly;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A series window as inline SVG: the forecast's 95% band shaded, the forecast dashed, the actual values as a line,
 * and each anomaly as a red dot with its fences as a red stroke, linked to its row in the anomaly table.
 */
final class SeriesChart {

  static final int WIDTH = 960;
  static final int HEIGHT = 180;
  private static final int LEFT = 64;
  private static final int RIGHT = 12;
  private static final int TOP = 10;
  private static final int BOTTOM = 22;

  private final SeriesWindow series;
  private final double low;
  private final double high;
  private final Instant first;
  private final Instant last;

  private SeriesChart(SeriesWindow series) {
    this.series = series;
    double min = 0;
    double max = 1;
    for (SeriesWindow.Point point : series.points()) {
      max = Math.max(max, point.actual());
      if (point.lower() != null) {
        min = finiteMin(min, point.lower());
        max = finiteMax(max, point.upper());
        max = finiteMax(max, point.forecast());
      }
    }
    this.low = min;
    this.high = max;
    this.first = series.points().get(0).bin();
    this.last = series.points().get(series.points().size() - 1).bin();
  }

  private static double finiteMin(double current, double value) {
    return Double.isFinite(value) ? Math.min(current, value) : current;
  }

  private static double finiteMax(double current, double value) {
    return Double.isFinite(value) ? Math.max(current, value) : current;
  }

  /** The chart's SVG element; {@code anchorOf} names the table row an anomaly's dot links to. */
  static String svg(SeriesWindow series, Function<Anomaly, String> anchorOf) {
    if (series.points().isEmpty()) {
      throw new IllegalArgumentException("a series window of " + series.source() + " has no bins to chart");
    }
    return new SeriesChart(series).render(anchorOf);
  }

  private double x(Instant bin) {
    double span = Math.max(1, last.getEpochSecond() - first.getEpochSecond());
    return LEFT + (WIDTH - LEFT - RIGHT) * (bin.getEpochSecond() - first.getEpochSecond()) / span;
  }

  /** The vertical position of a value, clamped to the plot so that an infinite fence still draws to its edge. */
  private double y(double value) {
    double clamped = Double.isNaN(value) ? low : Math.max(low, Math.min(high, value));
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (clamped - low) / (high - low));
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** An axis label short enough for the margin: thousands, millions and billions as k, M and G. */
  static String axisNumber(double value) {
    double size = Math.abs(value);
    if (size >= 1e9) {
      return String.format(Locale.ROOT, "%.1fG", value / 1e9);
    }
    if (size >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", value / 1e6);
    }
    if (size >= 1e4) {
      return String.format(Locale.ROOT, "%.1fk", value / 1e3);
    }
    return Format.number(value);
  }

  private String render(Function<Anomaly, String> anchorOf) {
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\">");
    svg.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM).append("\"/>");
    for (double tick : new double[] {low, (low + high) / 2, high}) {
      svg.append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(number(y(tick) + 4))
          .append("\" text-anchor=\"end\">").append(axisNumber(tick)).append("</text>");
    }
    svg.append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 6).append("\">")
        .append(Format.minute(first)).append("</text>");
    svg.append("<text class=\"axis\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 6)
        .append("\" text-anchor=\"end\">").append(Format.minute(last)).append("</text>");
    appendBand(svg);
    appendLine(svg, "actual", series.points(), point -> point.actual());
    for (Anomaly anomaly : series.anomalies()) {
      double cx = x(anomaly.timeBin());
      svg.append("<a href=\"#").append(Html.escape(anchorOf.apply(anomaly))).append("\">");
      svg.append("<line class=\"fence\" x1=\"").append(number(cx)).append("\" x2=\"").append(number(cx))
          .append("\" y1=\"").append(number(y(anomaly.lower()))).append("\" y2=\"")
          .append(number(y(anomaly.upper()))).append("\"/>");
      double actual = series.points().stream().filter(point -> point.bin().equals(anomaly.timeBin()))
          .mapToDouble(SeriesWindow.Point::actual).findFirst().orElse(anomaly.actual());
      svg.append("<circle class=\"anomaly\" cx=\"").append(number(cx)).append("\" cy=\"").append(number(y(actual)))
          .append("\" r=\"4\"><title>").append(Html.escape(anomaly.id() + " " + anomaly.kind().id() + " "
              + anomaly.severity().label() + " at " + Format.minute(anomaly.timeBin()))).append("</title></circle>");
      svg.append("</a>");
    }
    return svg.append("</svg>").toString();
  }

  /** The forecast band and line, one piece per run of consecutive bins that have a forecast. */
  private void appendBand(StringBuilder svg) {
    List<SeriesWindow.Point> points = series.points();
    int start = 0;
    while (start < points.size()) {
      if (points.get(start).forecast() == null) {
        start++;
        continue;
      }
      int end = start;
      while (end < points.size() && points.get(end).forecast() != null) {
        end++;
      }
      List<SeriesWindow.Point> run = points.subList(start, end);
      StringBuilder path = new StringBuilder();
      for (SeriesWindow.Point point : run) {
        path.append(path.isEmpty() ? "M" : " L").append(number(x(point.bin()))).append(',')
            .append(number(y(point.upper())));
      }
      for (int i = run.size() - 1; i >= 0; i--) {
        path.append(" L").append(number(x(run.get(i).bin()))).append(',').append(number(y(run.get(i).lower())));
      }
      svg.append("<path class=\"band\" d=\"").append(path).append(" Z\"/>");
      appendLine(svg, "forecast", run, SeriesWindow.Point::forecast);
      start = end;
    }
  }

  private void appendLine(StringBuilder svg, String cssClass, List<SeriesWindow.Point> points,
      Function<SeriesWindow.Point, Double> value) {
    StringBuilder path = new StringBuilder();
    for (SeriesWindow.Point point : points) {
      path.append(path.isEmpty() ? "M" : " L").append(number(x(point.bin()))).append(',')
          .append(number(y(value.apply(point))));
    }
    svg.append("<path class=\"").append(cssClass).append("\" d=\"").append(path).append("\"/>");
  }
}
