package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The default error log writes at most ten lines a second, and tells how many it left out.
 */
class ErrorLogTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void aFloodOfProblemsIsLoggedTenTimesASecondAndTheRestCounted() {
		ErrorLog log = new ErrorLog("echo");
		long start = 5 * SECOND;

		for (int i = 0; i < ErrorLog.LINES_PER_SECOND; i++) {
			assertThat(log.admit(start + i)).as("problem %d", i).isZero();
		}
		for (int i = 0; i < 990; i++) {
			assertThat(log.admit(start + SECOND / 2)).isEqualTo(-1);
		}

		assertThat(log.admit(start + SECOND)).as("the first line of the next second tells what was left out")
			.isEqualTo(990);
		assertThat(log.admit(start + SECOND + 1)).isZero();
	}

}
