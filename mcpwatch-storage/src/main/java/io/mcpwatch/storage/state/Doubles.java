package io.mcpwatch.storage.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Stores doubles exactly in SQLite and PostgreSQL: NaN as NULL, and -0.0 (which SQLite turns into
 * 0.0) flagged in a bit mask beside the values.
 */
final class Doubles {

  private Doubles() {}

  static void set(PreparedStatement ps, int index, double v) throws SQLException {
    if (Double.isNaN(v)) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, v);
    }
  }

  static double get(ResultSet rs, int index, boolean negativeZero) throws SQLException {
    double v = rs.getDouble(index);
    if (rs.wasNull()) {
      return Double.NaN;
    }
    return negativeZero && v == 0.0 ? -0.0 : v;
  }

  static boolean isNegativeZero(double v) {
    return Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
  }

  /** Bit i set when value i is -0.0. */
  static int negativeZeros(double... values) {
    int mask = 0;
    for (int i = 0; i < values.length; i++) {
      if (isNegativeZero(values[i])) {
        mask |= 1 << i;
      }
    }
    return mask;
  }
}
