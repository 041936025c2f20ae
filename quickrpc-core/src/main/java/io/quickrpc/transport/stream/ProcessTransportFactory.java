package io.quickrpc.transport.stream;

import java.util.ArrayList;
import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * Creates the transport to a child process, {@code process:(COMMAND LINE)}: starting the
 * transport starts the process and talks to it over its standard input and output (its standard
 * error goes to ours); stopping the transport ends the process. The one peer is named
 * {@code process}. The command line is split at white space; quote arguments that contain some.
 */
public final class ProcessTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "process";
	}

	@Override
	public String syntax() {
		return "process:(COMMAND LINE)";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		List<String> command = split(expression, expression.bodyAfter(0));
		if (command.isEmpty()) {
			throw expression.invalid("expected a command line, as in process:(java -jar server.jar)");
		}
		return new StreamTransport("process:(" + String.join(" ", command) + ")", "process", new ChildProcess(command),
				registry.setting(NetworkOptions.class, NetworkOptions.defaults()).maxFrameSize());
	}

	static List<String> split(Expression expression, String commandLine) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		char quote = 0;
		for (int i = 0; i < commandLine.length(); i++) {
			char c = commandLine.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (quote != 0) {
			throw expression.invalid("a " + quote + " quote is never closed");
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

}
