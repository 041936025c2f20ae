package io.quickrpc.transport.composite;

import java.time.Duration;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates a transport that keeps another one running, {@code restart:SECONDS:T}: while it runs,
 * it starts {@code T} again whenever {@code T} has stopped or failed to start, checking every
 * {@code SECONDS} (a decimal number). A TCP client wrapped in it reconnects by itself. For
 * exponential backoff, or a first start that fails fast, use {@link CompositeTransports#restart}.
 */
public final class RestartTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "restart";
	}

	@Override
	public String syntax() {
		return "restart:SECONDS:T";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		if (expression.arguments().size() < 2) {
			throw expression.invalid("expected an interval in seconds and a transport, as in restart:5:tcp:localhost:8888");
		}
		String seconds = expression.arguments().get(0).strip();
		Duration interval;
		try {
			interval = Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
		}
		catch (NumberFormatException ex) {
			throw expression.invalid("interval '" + seconds + "' is not a number of seconds");
		}
		if (interval.isNegative() || interval.isZero()) {
			throw expression.invalid("interval '" + seconds + "' must be positive");
		}
		return new RestartTransport(RestartOptions.fixed(interval), registry.create(expression.bodyAfter(1)));
	}

}
