// SPDX-License-Identifier: MIT
package dicomite.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The frame cache's background worker waits for a quiet moment, but not for ever. */
class FrameWorkerTest {
    @Test
    void aTaskWaitsWhileRequestsKeepComingThenRunsWhenTheyStop() throws Exception {
        FrameWorker worker = FrameWorker.afterQuiet(Duration.ofMillis(150), Duration.ofSeconds(30));
        CountDownLatch ran = new CountDownLatch(1);
        worker.touch();
        worker.execute(ran::countDown);

        for (int i = 0; i < 8; i++) { // requests every 50 ms: never 150 ms of quiet
            assertThat(ran.await(50, TimeUnit.MILLISECONDS)).as("ran during requests").isFalse();
            worker.touch();
        }

        assertThat(ran.await(5, TimeUnit.SECONDS)).as("ran after the requests").isTrue();
    }

    @Test
    void aTaskRunsAfterTheLongestWaitEvenUnderConstantRequests() throws Exception {
        FrameWorker worker = FrameWorker.afterQuiet(Duration.ofSeconds(60), Duration.ofMillis(300));
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        worker.touch();
        worker.execute(ran::countDown);

        while (!ran.await(20, TimeUnit.MILLISECONDS)) {
            worker.touch();
            assertThat(System.nanoTime() - start).as("waited too long")
                    .isLessThan(TimeUnit.SECONDS.toNanos(10));
        }

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void closingDropsAWaitingTaskAndRefusesLaterOnes() throws Exception {
        FrameWorker worker = FrameWorker.afterQuiet(Duration.ofMillis(100), Duration.ofSeconds(60));
        CountDownLatch ran = new CountDownLatch(1);
        worker.touch();
        worker.execute(ran::countDown); // would run 100 ms from now

        worker.close();

        assertThat(ran.await(1, TimeUnit.SECONDS)).as("the waiting task ran").isFalse();
        assertThat(worker.isClosed()).isTrue();
        assertThatThrownBy(() -> worker.execute(ran::countDown))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closingInterruptsARunningTaskAndReturnsOnlyWhenItHasEnded() throws Exception {
        FrameWorker worker = FrameWorker.afterQuiet(Duration.ZERO, Duration.ZERO);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        worker.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.countDown();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        worker.close();

        assertThat(ended.getCount()).as("the task had ended when close returned").isZero();
    }
}
