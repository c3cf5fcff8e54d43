package org.tejido.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** pg_dump is used only when it can dump the server; otherwise the backup falls back to COPY. */
class PgToolsTest {

  @Test
  void readsTheMajorVersionThatPgDumpReports() {
    assertThat(PgTools.majorVersion("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"))
        .contains(15);
    assertThat(PgTools.majorVersion("pg_dump (PostgreSQL) 17.7")).contains(17);
    assertThat(PgTools.majorVersion("command not found")).isEmpty();
  }

  @Test
  void anOlderPgDumpIsPassedOverForANewerServer() {
    assertThat(PgTools.canDump(15, 17)).isFalse();
    assertThat(PgTools.canDump(17, 17)).isTrue();
    assertThat(PgTools.canDump(18, 16)).isTrue();
  }
}
