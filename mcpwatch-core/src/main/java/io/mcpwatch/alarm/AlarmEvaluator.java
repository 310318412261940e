package io.mcpwatch.alarm;

import java.util.ArrayList;
import java.util.List;

/**
 * The missing-data evaluation of spec 3.5, exactly as its reference algorithm states it. Pure: the
 * caller builds the evaluation range (see {@link #rangeSize}) and keeps the state.
 *
 * <p>The {@code else} branch of the premature-alarm rule (a breach younger than M entries under
 * {@code missing}) keeps the current state (spec 7 #7).
 */
public final class AlarmEvaluator {

  private AlarmEvaluator() {}

  /** Size of the evaluation range: N plus {@code extraDatapoints} (spec 7 #6 recommends 2). */
  public static int rangeSize(AlarmSpec spec, int extraDatapoints) {
    if (extraDatapoints < 0) {
      throw new IllegalArgumentException("extraDatapoints must be >= 0; found " + extraDatapoints);
    }
    return spec.evaluationPeriods() + extraDatapoints;
  }

  /**
   * Evaluates one range.
   *
   * @param spec the alarm
   * @param range the evaluation range, oldest first; at least N entries
   * @param current the alarm's state before this evaluation
   */
  public static Evaluation evaluate(AlarmSpec spec, List<Datapoint> range, AlarmState current) {
    int n = spec.evaluationPeriods();
    int m = spec.m();
    if (range.size() < n) {
      throw new IllegalArgumentException(
          "the evaluation range needs at least " + n + " datapoints; found " + range.size());
    }
    TreatMissingData treatment = spec.effectiveTreatMissingData();
    List<Datapoint> real = new ArrayList<>(range.size());
    for (Datapoint p : range) {
      if (!p.isMissing()) {
        real.add(p);
      }
    }
    if (real.size() >= n) {
      List<Datapoint> window = newestFirst(real.subList(real.size() - n, real.size()));
      int b = countBreaching(spec, window);
      return new Evaluation(b >= m ? AlarmState.ALARM : AlarmState.OK, Evaluation.Route.NEWEST_REAL,
          window, 0, b);
    }
    int f = n - real.size();
    List<Datapoint> evaluated = evaluatedSet(range, f);
    if (real.isEmpty()) {
      switch (treatment) {
        case missing:
          return new Evaluation(AlarmState.INSUFFICIENT_DATA, Evaluation.Route.ALL_MISSING,
              evaluated, f, 0);
        case breaching:
          return new Evaluation(AlarmState.ALARM, Evaluation.Route.ALL_MISSING, evaluated, f, 0);
        case notBreaching:
          return new Evaluation(AlarmState.OK, Evaluation.Route.ALL_MISSING, evaluated, f, 0);
        case ignore:
          return new Evaluation(current, Evaluation.Route.RETAINED, evaluated, f, 0);
        default:
          throw new AssertionError(treatment);
      }
    }
    int b = countBreaching(spec, real);
    switch (treatment) {
      case breaching:
        return new Evaluation(b + f >= m ? AlarmState.ALARM : AlarmState.OK,
            Evaluation.Route.FILLED, evaluated, f, b);
      case notBreaching:
        return new Evaluation(b >= m ? AlarmState.ALARM : AlarmState.OK, Evaluation.Route.FILLED,
            evaluated, f, b);
      default:
        break;
    }
    if (b >= m) {
      return new Evaluation(AlarmState.ALARM, Evaluation.Route.PARTIAL, evaluated, f, b);
    }
    if (b < real.size()) {
      return new Evaluation(AlarmState.OK, Evaluation.Route.PARTIAL, evaluated, f, b);
    }
    // every real point breaches, but fewer than M of them
    if (treatment == TreatMissingData.ignore) {
      return new Evaluation(current, Evaluation.Route.RETAINED, evaluated, f, b);
    }
    int age = 0; // position of the oldest breach in the evaluated set, newest = 1
    for (int i = 0; i < evaluated.size(); i++) {
      if (!evaluated.get(i).isMissing()) {
        age = i + 1;
      }
    }
    if (age >= m) {
      return new Evaluation(AlarmState.ALARM, Evaluation.Route.PREMATURE, evaluated, f, b);
    }
    return new Evaluation(current, Evaluation.Route.RETAINED, evaluated, f, b);
  }

  /** Whether a real datapoint breaches: {@code value OP threshold} (spec 3.2). */
  public static boolean breaches(AlarmSpec spec, Datapoint p) {
    return !p.isMissing() && spec.comparison().breaches(p.value(), spec.threshold());
  }

  private static int countBreaching(AlarmSpec spec, List<Datapoint> points) {
    int b = 0;
    for (Datapoint p : points) {
      if (breaches(spec, p)) {
        b++;
      }
    }
    return b;
  }

  /** All real points plus the {@code fillers} newest missing slots, newest first. */
  private static List<Datapoint> evaluatedSet(List<Datapoint> range, int fillers) {
    List<Datapoint> out = new ArrayList<>();
    int missingLeft = fillers;
    for (int i = range.size() - 1; i >= 0; i--) {
      Datapoint p = range.get(i);
      if (!p.isMissing()) {
        out.add(p);
      } else if (missingLeft > 0) {
        out.add(p);
        missingLeft--;
      }
    }
    return out;
  }

  private static List<Datapoint> newestFirst(List<Datapoint> oldestFirst) {
    List<Datapoint> out = new ArrayList<>(oldestFirst.size());
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      out.add(oldestFirst.get(i));
    }
    return out;
  }
}
