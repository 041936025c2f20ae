package io.quickrpc.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The echo sample: by default an echo server on TCP port 8888 (JSON-RPC, as the Python original
 * speaks it), 8889 (terse, for telnet) and, for browsers, over WebSocket at {@code /rpc/echo} on
 * the web port 8080, whose page at {@code /} is a chat; with the {@code client} profile, a client
 * that calls every method of the server and prints the results.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Runs the application.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
