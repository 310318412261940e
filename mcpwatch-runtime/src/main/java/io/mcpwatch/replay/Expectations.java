package io.mcpwatch.replay;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.engine.AlarmTransition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a backtest is expected to do, for CI ({@code backtest --expect FILE}, as {@code promtool
 * test rules} is used): one line per expected transition into or out of ALARM, {@code ALARM TIME
 * STATE}, or {@code ALARM never fires}; blank lines and {@code #} comments are ignored. Only the
 * alarms named in the file are checked, and of their transitions only those into or out of ALARM
 * (a fresh start's INSUFFICIENT_DATA -> OK is not a firing).
 *
 * <pre>
 * teams-prod-auth-failures  2026-03-02T10:06:00Z  ALARM
 * teams-prod-auth-failures  2026-03-02T10:16:00Z  OK
 * teams-prod-http-5xx       never fires
 * </pre>
 *
 * @param lines per alarm, the expected lines in order ({@code TIME STATE}); empty: never fires
 */
public record Expectations(Map<String, List<String>> lines) {

  public Expectations {
    lines = Map.copyOf(lines);
  }

  /**
   * Parses the file's text.
   *
   * @param name the file, for messages
   * @throws IllegalArgumentException naming {@code FILE:LINE} and what was expected
   */
  public static Expectations parse(String name, String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Set<String> never = new TreeSet<>();
    String[] rows = text.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i];
      int hash = row.indexOf('#');
      String line = (hash >= 0 ? row.substring(0, hash) : row).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      String where = name + ":" + (i + 1) + ": ";
      if (f.length == 3 && f[1].equals("never") && f[2].equals("fires")) {
        if (out.containsKey(f[0]) && !out.get(f[0]).isEmpty()) {
          throw new IllegalArgumentException(where + f[0] + " has transitions and 'never fires'");
        }
        never.add(f[0]);
        out.computeIfAbsent(f[0], k -> new ArrayList<>());
        continue;
      }
      if (f.length != 3) {
        throw new IllegalArgumentException(
            where + "expected 'ALARM TIME STATE' (e.g. teams-prod-auth 2026-03-02T10:06:00Z ALARM)"
                + " or 'ALARM never fires'; found: " + (line.length() > 120 ? line.substring(0, 120) : line));
      }
      Instant t;
      try {
        t = Instant.parse(f[1]);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            where + "expected an ISO-8601 UTC time like 2026-03-02T10:06:00Z; found " + f[1]);
      }
      AlarmState s;
      try {
        s = AlarmState.valueOf(f[2].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + "expected a state ALARM, OK or INSUFFICIENT_DATA; found " + f[2]);
      }
      if (never.contains(f[0])) {
        throw new IllegalArgumentException(where + f[0] + " has transitions and 'never fires'");
      }
      out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(t + " " + s.name());
    }
    return new Expectations(out);
  }

  /** The lines of one alarm's replay that an expectation checks (into or out of ALARM). */
  static List<String> actual(Replay.AlarmResult a) {
    List<String> out = new ArrayList<>();
    for (AlarmTransition t : a.transitions()) {
      if (t.newState() == AlarmState.ALARM || t.oldState() == AlarmState.ALARM) {
        out.add(t.time() + " " + t.newState().name());
      }
    }
    return out;
  }

  /**
   * The differences, as diff lines ({@code - expected}, {@code + replayed}) under each alarm that
   * differs; empty when the replay does what is expected. An expected alarm the replay does not
   * have is a difference too.
   */
  public List<String> diff(Replay.Result result) {
    Map<String, Replay.AlarmResult> byName = new LinkedHashMap<>();
    for (Replay.AlarmResult a : result.alarms()) {
      byName.put(a.alarm().spec().alarmName(), a);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(lines).entrySet()) {
      Replay.AlarmResult a = byName.get(e.getKey());
      if (a == null) {
        out.add(e.getKey() + ": not an alarm of this backtest (alarms: "
            + String.join(", ", new TreeSet<>(byName.keySet())) + ")");
        continue;
      }
      List<String> want = e.getValue();
      List<String> got = actual(a);
      if (want.equals(got)) {
        continue;
      }
      out.add(e.getKey() + ":");
      if (want.isEmpty()) {
        out.add("-   never fires");
      }
      for (String w : want) {
        if (!got.contains(w)) {
          out.add("-   " + w);
        }
      }
      for (String g : got) {
        if (!want.contains(g)) {
          out.add("+   " + g);
        }
      }
      if (out.get(out.size() - 1).endsWith(":")) { // same lines, other order
        want.forEach(w -> out.add("-   " + w));
        got.forEach(g -> out.add("+   " + g));
      }
    }
    return out;
  }

  /** How many alarms the file checks. */
  public int alarmCount() {
    return lines.size();
  }
}
