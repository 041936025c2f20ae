package io.quickrpc.spring.processes.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.quickrpc.spring.EnableQuickRpc;
import io.quickrpc.spring.processes.PingApi;

/**
 * A client that depends on the starter alone, configured by {@code ping-client.yml}. Once
 * started, it pings the server with each line it reads from standard input and prints
 * {@code REPLY <reply>} or {@code FAILED <message>}; it stops at the end of its input.
 */
@SpringBootApplication
@EnableQuickRpc(basePackageClasses = PingApi.class)
public class PingClientApplication {

	public static void main(String[] args) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(PingClientApplication.class, args)) {
			PingApi server = context.getBean(PingApi.class);
			BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				String answer;
				try {
					answer = "REPLY " + server.ping(line);
				}
				catch (RuntimeException ex) {
					answer = "FAILED " + ex.getMessage();
				}
				System.out.println(answer);
				System.out.flush();
			}
		}
	}

}
