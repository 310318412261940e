package io.mcpwatch.source.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 3: the file a checkpoint was resolved to is rotated (renamed, a new file takes its
 * name) between the restore plan and the open. The claim must follow the file by its identity,
 * not drop the checkpoint (which re-read or lost the rest of that generation).
 */
class RestoreRaceTest {
  @TempDir Path dir;

  @Test
  void openClaim_fileRenamedAfterThePlan_followsItByIdentity() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "one\ntwo\n", UTF_8);
    String key = FileIdentity.key(log);
    FileCheckpoint cp = new FileCheckpoint(log.toString(), key, 4, 0, "");
    GlobSet globs = GlobSet.parse(List.of(dir.resolve("app.log*").toString()));
    Restore.Plan plan = Restore.plan(List.of(cp), new TreeSet<>(List.of(log)), globs);
    Restore.Claim claim = plan.claims().get(0);
    assertThat(claim.path()).isEqualTo(log);

    // the rotation happens now, between the plan and the open
    Path rotated = dir.resolve("app.log.1");
    Files.move(log, rotated);
    Files.writeString(log, "new generation\n", UTF_8);

    TrackedFile t = TailEngine.openClaim(claim, 1 << 16, Instant.EPOCH);
    try {
      assertThat(t.path).isEqualTo(rotated);
      assertThat(t.key).isEqualTo(key);
    } finally {
      t.closeQuietly();
    }
  }
}
