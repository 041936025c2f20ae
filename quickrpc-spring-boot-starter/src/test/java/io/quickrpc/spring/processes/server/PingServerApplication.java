package io.quickrpc.spring.processes.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.quickrpc.IncomingHandler;
import io.quickrpc.spring.EnableQuickRpc;
import io.quickrpc.spring.processes.PingApi;

/**
 * A server that depends on the starter alone, without a web server, configured by
 * {@code ping-server.yml}: it must stay up once started, and answer pings.
 */
@SpringBootApplication
@EnableQuickRpc(basePackageClasses = PingApi.class)
public class PingServerApplication {

	@IncomingHandler
	String ping(String text) {
		return "pong " + text;
	}

	public static void main(String[] args) {
		SpringApplication.run(PingServerApplication.class, args);
	}

}
