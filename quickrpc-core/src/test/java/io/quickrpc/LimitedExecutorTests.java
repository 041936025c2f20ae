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

/**
 * How handler tasks are queued and started: in order, within the limit, and a burst with one
 * start of the delegate.
 */
class LimitedExecutorTests {

	private final ExecutorService pool = Executors.newCachedThreadPool();

	@AfterEach
	void stopPool() throws InterruptedException {
		this.pool.shutdownNow();
		assertThat(this.pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void tasksQueuedTogetherStartOnOneDelegateTaskAndRunInOrder() {
		List<Runnable> started = new ArrayList<>();
		LimitedExecutor executor = new LimitedExecutor(started::add, 1, 100);
		List<Integer> ran = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			int n = i;
			executor.enqueue(() -> ran.add(n));
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
		LimitedExecutor executor = new LimitedExecutor(this.pool, 4, 100);
		CountDownLatch allRunning = new CountDownLatch(4);
		List<Boolean> sawAll = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 4; i++) {
			executor.enqueue(() -> {
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
		LimitedExecutor executor = new LimitedExecutor(started::add, 8, 100);
		executor.enqueue(() -> {
		});
		executor.enqueue(() -> {
		});

		executor.startQueued();

		assertThat(started).hasSize(2);
	}

	@Test
	void tasksTheDelegateRefusesStayQueuedAndStartWithTheNextOnes() {
		List<Runnable> started = new ArrayList<>();
		boolean[] refuse = { true };
		LimitedExecutor executor = new LimitedExecutor((task) -> {
			if (refuse[0]) {
				throw new RejectedExecutionException("full");
			}
			started.add(task);
		}, 1, 100);
		List<String> ran = new ArrayList<>();
		executor.enqueue(() -> ran.add("first"));
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(executor::startQueued);

		refuse[0] = false;
		executor.execute(() -> ran.add("second"));

		assertThat(started).hasSize(1);
		started.get(0).run();
		assertThat(ran).containsExactly("first", "second");
	}

	@Test
	void pastTheQueueBoundATaskIsRefusedAndNothingQueuedIsLost() {
		List<Runnable> started = new ArrayList<>();
		LimitedExecutor executor = new LimitedExecutor(started::add, 1, 2);
		List<String> ran = new ArrayList<>();
		executor.enqueue(() -> ran.add("a"));
		executor.enqueue(() -> ran.add("b"));

		assertThatExceptionOfType(LimitedExecutor.QueueFullException.class)
			.isThrownBy(() -> executor.enqueue(() -> ran.add("c")))
			.withMessageContaining("2 received calls are waiting")
			.withMessageContaining("raise maxQueuedCalls or handlerConcurrency");
		executor.startQueued();
		started.get(0).run();
		assertThat(ran).containsExactly("a", "b");
	}

}
