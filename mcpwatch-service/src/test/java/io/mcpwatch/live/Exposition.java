package io.mcpwatch.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A parsed Prometheus text exposition (format 0.0.4), strict enough to catch a broken one. */
final class Exposition {
  record Sample(String name, Map<String, String> labels, double value) {}

  final List<Sample> samples = new ArrayList<>();
  final Map<String, String> types = new HashMap<>();

  static Exposition parse(String text) {
    Exposition e = new Exposition();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] p = line.substring(7).split(" ");
        e.types.put(p[0], p[1]);
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      e.samples.add(sample(line));
    }
    return e;
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("bad metric name in: " + line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
          throw new IllegalArgumentException("bad label name " + label + " in: " + line);
        }
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("unquoted label value in: " + line);
        }
        StringBuilder v = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char n = line.charAt(++j);
            v.append(n == 'n' ? '\n' : n);
          } else {
            v.append(c);
          }
        }
        labels.put(label, v.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    String[] rest = line.substring(i).trim().split(" ");
    return new Sample(name, labels, value(rest[0]));
  }

  private static double value(String s) {
    switch (s) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(s);
    }
  }

  /** Every sample name (with _total, _bucket, _count, _sum suffixes as exposed). */
  Set<String> names() {
    Set<String> out = new TreeSet<>();
    samples.forEach(s -> out.add(s.name()));
    return out;
  }

  /** The samples of {@code name} whose labels include {@code labels}. */
  List<Sample> find(String name, Map<String, String> labels) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
        out.add(s);
      }
    }
    return out;
  }

  /** The one sample of {@code name} with (at least) these labels; fails when there is not one. */
  double value(String name, String... labelPairs) {
    Map<String, String> l = new LinkedHashMap<>();
    for (int k = 0; k < labelPairs.length; k += 2) {
      l.put(labelPairs[k], labelPairs[k + 1]);
    }
    List<Sample> found = find(name, l);
    if (found.size() != 1) {
      throw new AssertionError("expected one sample " + name + l + "; found " + found);
    }
    return found.get(0).value();
  }
}
