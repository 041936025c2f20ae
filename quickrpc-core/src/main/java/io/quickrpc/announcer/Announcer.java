package io.quickrpc.announcer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RpcEndpoint;

/**
 * Runs the {@link AnnouncerApi} over UDP: a service answers seekers with its description, and a
 * seeker collects the answers that arrive within a time.
 */
public final class Announcer {

	private Announcer() {
	}

	/**
	 * Starts answering seekers on a UDP port: every {@code seek} whose filter the predicate
	 * accepts is answered with an {@code advertise} to the seeker alone.
	 * @param port the UDP port to listen on, 0 for any
	 * @param description the description to hand out
	 * @param filter which filters this service matches
	 * @return the running endpoint; stop it to stop answering
	 */
	public static RpcEndpoint<AnnouncerApi> serve(int port, String description, Predicate<String> filter) {
		RpcEndpoint<AnnouncerApi> endpoint = RpcEndpoint.builder(AnnouncerApi.class)
			.codec("terse")
			.transport("udp:" + port)
			.build();
		endpoint.connect("seek", (call) -> {
			String wanted = (String) call.argument("filter");
			if (filter.test((wanted != null) ? wanted : "")) {
				endpoint.api().advertise(List.of(call.sender()), description);
			}
			return null;
		});
		return endpoint.start();
	}

	/**
	 * Seeks services and collects their advertisements.
	 * @param host where to seek: a host, or {@code null} to broadcast on the LAN
	 * @param port the UDP port services listen on
	 * @param filter what is sought, empty for anything
	 * @param wait how long to collect answers
	 * @return the advertisements received, in arrival order
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static List<Advertisement> seek(@Nullable String host, int port, String filter, Duration wait)
			throws InterruptedException {
		BlockingQueue<Advertisement> answers = new LinkedBlockingQueue<>();
		try (RpcEndpoint<AnnouncerApi> seeker = RpcEndpoint.builder(AnnouncerApi.class)
			.inverted(true)
			.codec("terse")
			.transport("udp:0")
			.build()) {
			seeker.connect("advertise",
					(call) -> answers.add(new Advertisement(call.sender(), (String) call.argument("description"))));
			seeker.start();
			seeker.api().seek(((host != null) ? host : "255.255.255.255") + ":" + port, filter);
			List<Advertisement> found = new ArrayList<>();
			long deadline = System.nanoTime() + wait.toNanos();
			long left;
			while ((left = deadline - System.nanoTime()) > 0) {
				Advertisement answer = answers.poll(left, TimeUnit.NANOSECONDS);
				if (answer != null) {
					found.add(answer);
				}
			}
			return found;
		}
	}

	/**
	 * A service's answer to a seek.
	 * @param peer where it came from, {@code HOST} or {@code HOST:PORT}
	 * @param description the service's description
	 */
	public record Advertisement(String peer, String description) {
	}

}
