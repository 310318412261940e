/**
 * CloudWatch metric alarms. Start here: {@link io.mcpwatch.alarm.AlarmEvaluator#evaluate} runs the
 * missing-data algorithm of spec 3.5 over a range of {@link io.mcpwatch.alarm.Datapoint}s; {@link
 * io.mcpwatch.alarm.StateReasons}, {@link io.mcpwatch.alarm.StateReasonData} and {@link
 * io.mcpwatch.alarm.AlarmHistory} render what AWS shows for the result. Pure functions; time comes
 * from the caller.
 *
 * <h2>Early firing</h2>
 *
 * <p>{@link io.mcpwatch.alarm.EarlyFiring}: an alarm not in ALARM goes to ALARM between boundaries
 * when at least M of the N newest windows of its next boundary T already breach and the
 * combination below is eligible. Eligibility does not depend on {@code TreatMissingData}.
 *
 * <table>
 *   <caption>Eligible combinations (anything not listed: not eligible)</caption>
 *   <tr><th>Statistic</th><th>Operator</th><th>Samples that can reach the metric</th>
 *       <th>Why a breaching window stays breaching</th></tr>
 *   <tr><td>SampleCount</td><td>&gt;, &gt;=</td><td>any</td><td>the count only grows</td></tr>
 *   <tr><td>Maximum</td><td>&gt;, &gt;=</td><td>any</td><td>the maximum only grows</td></tr>
 *   <tr><td>Minimum</td><td>&lt;, &lt;=</td><td>any</td><td>the minimum only shrinks</td></tr>
 *   <tr><td>Sum</td><td>&gt;, &gt;=</td><td>all &gt;= 0: constant metricValue &gt;= 0 and
 *       defaultValue absent or &gt;= 0, for every filter publishing to the metric</td>
 *       <td>the sum only grows (IEEE addition of a non-negative term is monotone)</td></tr>
 *   <tr><td>Sum</td><td>&lt;, &lt;=</td><td>all &lt;= 0 (same conditions, mirrored)</td>
 *       <td>the sum only shrinks</td></tr>
 *   <tr><td>Average</td><td>any</td><td>any</td><td>never eligible: a new sample can move the
 *       mean either way</td></tr>
 *   <tr><td>SampleCount, Maximum</td><td>&lt;, &lt;=</td><td>any</td><td>not eligible</td></tr>
 *   <tr><td>Minimum</td><td>&gt;, &gt;=</td><td>any</td><td>not eligible</td></tr>
 *   <tr><td>Sum</td><td>any</td><td>values extracted from events, or mixed signs</td>
 *       <td>not eligible</td></tr>
 * </table>
 *
 * <p><b>Why the rule is sound for all four treatments.</b> Data arriving before T can add samples
 * to any window of the range, so a non-breaching window may start to breach and a missing one may
 * become real with any value (breaching or not) or stay missing; with an eligible combination a
 * breaching window stays breaching. Let b be the number of breaching windows among the N newest
 * (positions 1..N) and suppose b &gt;= M. In any completion: if the range holds at least N real
 * datapoints, the newest N real ones include every real datapoint at positions 1..N (at most N of
 * them exist), so at least M of them breach: ALARM. If it holds fewer than N, at least b &gt;= M
 * real datapoints breach, which gives ALARM under {@code breaching} (b + fillers &gt;= M), {@code
 * notBreaching} (b &gt;= M) and {@code missing}/{@code ignore} (the first check, b &gt;= M). No
 * branch that keeps the current state is reached. Conversely, when b &lt; M, a completion in which
 * every other window becomes real and non-breaching gives OK, so the rule fires as early as a sound
 * rule can when missing windows may still receive non-breaching samples. Since nothing is
 * evaluated between now and T, the early transition is exactly the one T would make, only sooner;
 * the evaluation at T then finds the alarm already in ALARM and changes nothing.
 */
@NullMarked
package io.mcpwatch.alarm;

import org.jspecify.annotations.NullMarked;
