package io.mcpwatch.alarm;

import java.util.List;

/**
 * StateReason text exactly as CloudWatch writes it (spec 3.6). Numbers use {@link
 * Double#toString(double)}; datapoints are listed newest first as {@code value (dd/MM/yy
 * HH:mm:ss)} with the UTC period start.
 *
 * <p>The "K out of the last N" template is used iff {@code DatapointsToAlarm} was set explicitly
 * (spec 7 #8). Listed datapoints are the evaluated real ones that satisfy the reported condition
 * (breaching for a transition to ALARM, non-breaching for one to OK), K is their count. The "and F
 * missing datapoints were treated as [...]" clause appears iff {@code breaching}/{@code
 * notBreaching} fillers completed the evaluated set; {@code missing}/{@code ignore} add no clause
 * (an [UNCERTAIN] choice: no capture shows those treatments with fillers). When the fillers alone
 * decide the state (no listed datapoint), AWS counts the received ones instead: {@code 1 datapoint
 * was received for 3 periods and 2 missing datapoints were treated as [Breaching].} (observed in
 * an AWS account, 2026), the form of "no datapoints were received" with real ones present.
 */
public final class StateReasons {

  /** The reason of a newly created alarm. */
  public static final String INITIAL = "Unchecked: Initial alarm creation";

  private StateReasons() {}

  /**
   * The reason for a transition into {@code ev.state()}.
   *
   * @throws IllegalArgumentException for a {@link Evaluation.Route#RETAINED} evaluation, which never
   *     causes a transition
   */
  public static String of(AlarmSpec spec, Evaluation ev) {
    int n = spec.evaluationPeriods();
    if (ev.route() == Evaluation.Route.RETAINED) {
      throw new IllegalArgumentException("a retained state has no new reason");
    }
    if (ev.route() == Evaluation.Route.ALL_MISSING) {
      if (ev.state() == AlarmState.INSUFFICIENT_DATA) {
        return "Insufficient Data: " + n + (n == 1 ? " datapoint was" : " datapoints were")
            + " unknown.";
      }
      return "Threshold Crossed: no datapoints were received for " + n
          + (n == 1 ? " period" : " periods") + " and " + missingClause(n, spec);
    }
    boolean toAlarm = ev.state() == AlarmState.ALARM;
    StringBuilder list = new StringBuilder();
    int k = 0;
    for (Datapoint p : ev.evaluated()) {
      if (!p.isMissing() && AlarmEvaluator.breaches(spec, p) == toAlarm) {
        if (k > 0) {
          list.append(", ");
        }
        list.append(datapoint(p));
        k++;
      }
    }
    if (k == 0 && ev.route() == Evaluation.Route.FILLED && ev.fillers() > 0) {
      // the missing data alone decided the state (AWS, observed: "1 datapoint was received for 3
      // periods and 2 missing datapoints were treated as [Breaching].")
      int received = ev.evaluated().size() - ev.fillers();
      return "Threshold Crossed: " + received + (received == 1 ? " datapoint was" : " datapoints were")
          + " received for " + n + (n == 1 ? " period" : " periods") + " and "
          + missingClause(ev.fillers(), spec);
    }
    StringBuilder s = new StringBuilder("Threshold Crossed: ");
    boolean explicitM = spec.datapointsToAlarm() != null;
    if (explicitM) {
      s.append(k).append(" out of the last ").append(n).append(" datapoints");
    } else {
      s.append(k).append(k == 1 ? " datapoint" : " datapoints");
    }
    s.append(" [").append(list).append("] ").append(k == 1 ? "was " : "were ");
    s.append(toAlarm ? "" : "not ").append(spec.comparison().phrase());
    s.append(" the threshold (").append(spec.threshold()).append(')');
    if (ev.route() == Evaluation.Route.FILLED && ev.fillers() > 0) {
      s.append(" and ").append(missingClause(ev.fillers(), spec));
      s.setLength(s.length() - 1); // the clause ends the sentence; the suffix may follow
    }
    if (explicitM) {
      int min = toAlarm ? spec.m() : n - spec.m() + 1;
      s.append(" (minimum ").append(min).append(min == 1 ? " datapoint" : " datapoints");
      s.append(toAlarm ? " for OK -> ALARM transition)" : " for ALARM -> OK transition)");
    }
    return s.append('.').toString();
  }

  /**
   * {@link StateReasons#of} for one engine's transitions, with the text of an evaluation without
   * any datapoint ({@link Evaluation.Route#ALL_MISSING}) made once per kind: it depends only on the
   * new state, N and the missing-data treatment, and at a boundary thousands of idle alarms take
   * such a transition (each then shares one string). Not thread-safe: one per engine.
   */
  public static final class Memo {
    private final java.util.HashMap<Long, String> allMissing = new java.util.HashMap<>();

    /** {@link StateReasons#of}{@code (spec, ev)}. */
    public String of(AlarmSpec spec, Evaluation ev) {
      if (ev.route() != Evaluation.Route.ALL_MISSING) {
        return StateReasons.of(spec, ev);
      }
      long key = ((long) spec.evaluationPeriods() << 16)
          | ((long) spec.effectiveTreatMissingData().ordinal() << 8)
          | ev.state().ordinal();
      String text = allMissing.get(key);
      if (text == null) {
        text = StateReasons.of(spec, ev);
        allMissing.put(key, text);
      }
      return text;
    }
  }

  /** {@code value (dd/MM/yy HH:mm:ss)} for one real datapoint. */
  public static String datapoint(Datapoint p) {
    return p.value() + " (" + AwsFormats.reasonTime(p.timestampMillis()) + ")";
  }

  /** The datapoints, newest first as given, in reason list form {@code [a, b]}. */
  public static String list(List<Datapoint> newestFirst) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < newestFirst.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(datapoint(newestFirst.get(i)));
    }
    return s.append(']').toString();
  }

  private static String missingClause(int count, AlarmSpec spec) {
    return count + (count == 1 ? " missing datapoint was" : " missing datapoints were")
        + " treated as [" + spec.effectiveTreatMissingData().reasonName() + "].";
  }
}
