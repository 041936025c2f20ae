package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How handler tasks are queued and started: in order per peer, the peers taking turns, within
 * the limit, and a burst with one start of the delegate.
 */
class FairExecutorTests {

	private final ExecutorService pool = Executors.newCachedThreadPool();

	@AfterEach
	void stopPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void tasksQueuedTogetherStartOnOneDelegateTaskAndRunInOrder() {
		List<Runnable> started = new ArrayList<>();
		FairExecutor executor = new FairExecutor(started::add, 1);
		List<Integer> ran = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			int n = i;
			executor.lane("a").enqueue(() -> ran.add(n));
		}
		assertThat(started).as("nothing starts before startQueued").isEmpty();

		executor.startQueued();
		executor.startQueued();

		assertThat(started).hasSize(1);
		started.get(0).run();
		assertThat(ran).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
	}

	@Test
	void aBurstStartsAsManyDelegateTasksAsTheLimitAllowsAndTheyRunAtOnce() throws Exception {
		FairExecutor executor = new FairExecutor(this.pool, 4);
		CountDownLatch allRunning = new CountDownLatch(4);
		List<Boolean> sawAll = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 4; i++) {
			// one peer's calls run at once too: a client with one connection uses every handler thread
			executor.lane("one peer").enqueue(() -> {
				allRunning.countDown();
				try {
					sawAll.add(allRunning.await(5, TimeUnit.SECONDS));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}

		executor.startQueued();

		assertThat(allRunning.await(5, TimeUnit.SECONDS)).as("four tasks run at once").isTrue();
		org.awaitility.Awaitility.await().until(() -> sawAll.size() == 4);
		assertThat(sawAll).containsOnly(true);
	}

	@Test
	void aFewTasksStartNoMoreDelegateTasksThanTheyNeed() {
		List<Runnable> started = new ArrayList<>();
		FairExecutor executor = new FairExecutor(started::add, 8);
		executor.lane("a").enqueue(() -> {
		});
		executor.lane("b").enqueue(() -> {
		});

		executor.startQueued();

		assertThat(started).hasSize(2);
	}

	@Test
	void tasksTheDelegateRefusesStayQueuedAndStartWithTheNextOnes() {
		List<Runnable> started = new ArrayList<>();
		boolean[] refuse = { true };
		FairExecutor executor = new FairExecutor((task) -> {
			if (refuse[0]) {
				throw new RejectedExecutionException("full");
			}
			started.add(task);
		}, 1);
		List<String> ran = new ArrayList<>();
		executor.lane("a").enqueue(() -> ran.add("first"));
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(executor::startQueued);

		refuse[0] = false;
		executor.lane("a").enqueue(() -> ran.add("second"));
		executor.startQueued();

		assertThat(started).hasSize(1);
		started.get(0).run();
		assertThat(ran).containsExactly("first", "second");
	}

	@Test
	void aPeerWithManyQueuedTasksDelaysAnotherPeersTaskByOneTurn() {
		List<Runnable> started = new ArrayList<>();
		FairExecutor executor = new FairExecutor(started::add, 1);
		List<String> ran = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			int n = i;
			executor.lane("flooding").enqueue(() -> ran.add("flooding " + n));
		}
		for (int peer = 0; peer < 9; peer++) {
			String name = "peer " + peer;
			executor.lane(name).enqueue(() -> ran.add(name));
		}

		executor.startQueued();
		started.get(0).run();

		assertThat(ran).hasSize(100_009);
		for (int peer = 0; peer < 9; peer++) {
			// each of the nine waited for at most one flooding task per peer ahead of it
			assertThat(ran.indexOf("peer " + peer)).as("position of peer %d's call", peer).isLessThanOrEqualTo(2 * peer + 1);
		}
		List<String> flooding = ran.stream().filter((task) -> task.startsWith("flooding")).toList();
		assertThat(flooding).as("one peer's tasks keep their order")
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100_000).mapToObj((n) -> "flooding " + n).toList());
		assertThat(executor.queued()).isZero();
	}

	@ParameterizedTest(name = "limit {0}")
	@ValueSource(ints = { 1, 2 })
	void aLaneThatEmptiesWhileAnotherThreadFillsItIsServedAgain(int limit) throws Exception {
		FairExecutor executor = new FairExecutor(this.pool, limit);
		int producers = 4;
		int perProducer = 20_000;
		java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
		List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
		for (int p = 0; p < producers; p++) {
			String peer = "peer " + p;
			sent.add(this.pool.submit(() -> {
				for (int i = 0; i < perProducer; i++) {
					executor.lane(peer).enqueue(ran::incrementAndGet);
					executor.startQueued();
				}
			}));
		}
		for (java.util.concurrent.Future<?> done : sent) {
			done.get(30, TimeUnit.SECONDS);
		}

		org.awaitility.Awaitility.await().until(() -> ran.get() == producers * perProducer);
		assertThat(executor.queued()).isZero();
	}

	@Test
	void aTaskThatThrowsLeavesTheRestOfItsLaneToRunAfterTheOtherLanes() {
		List<Runnable> started = new ArrayList<>();
		FairExecutor executor = new FairExecutor(started::add, 1);
		List<String> ran = new ArrayList<>();
		executor.lane("a").enqueue(() -> {
			throw new IllegalStateException("first task of a");
		});
		executor.lane("a").enqueue(() -> ran.add("a 1"));
		executor.lane("a").enqueue(() -> ran.add("a 2"));
		executor.lane("b").enqueue(() -> ran.add("b"));

		executor.startQueued();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> started.get(0).run());

		assertThat(started).as("the rest starts again").hasSize(2);
		started.get(1).run();
		assertThat(ran).containsExactly("b", "a 1", "a 2");
		assertThat(executor.queued()).isZero();
	}

	@Test
	void tasksRunOnServingThreadsWhichTransportsNeverMakeWait() {
		List<Runnable> started = new ArrayList<>();
		FairExecutor executor = new FairExecutor(started::add, 1);
		List<Boolean> serving = new ArrayList<>();
		executor.lane("a").enqueue(() -> serving.add(io.quickrpc.transport.ServingThreads.isCurrent()));

		executor.startQueued();
		started.get(0).run();

		assertThat(serving).containsExactly(true);
		assertThat(io.quickrpc.transport.ServingThreads.isCurrent()).isFalse();
	}

}
