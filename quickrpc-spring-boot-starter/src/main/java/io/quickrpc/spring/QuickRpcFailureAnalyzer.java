package io.quickrpc.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.transport.TransportException;

/**
 * Explains the startup failures a user can fix: a missing transport, an unknown shorthand or a
 * malformed expression, a transport that cannot start (a port in use, a refused connection).
 */
class QuickRpcFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MissingTransportException missing) {
				return new FailureAnalysis(missing.getMessage(),
						"Set quickrpc.apis." + missing.getApi() + ".transport, for example to 'tcpserv::8888' (a server) "
								+ "or 'tcp:localhost:8888' (a client), or define a Transport bean qualified '"
								+ missing.getApi() + "'.",
						missing);
			}
			if (cause instanceof InvalidExpressionException invalid) {
				return new FailureAnalysis(invalid.getMessage(),
						"Correct the " + invalid.kind() + " expression '" + invalid.expression() + "'. Known "
								+ invalid.kind() + " shorthands: " + String.join(", ", invalid.knownShorthands()) + ".",
						invalid);
			}
			if (cause instanceof TransportException transport) {
				return new FailureAnalysis("A quickrpc transport could not start: " + transport.getMessage(),
						"If a port is in use, stop the process that uses it or configure another port "
								+ "(quickrpc.apis.NAME.transport); if a connection was refused, start the server first "
								+ "or wrap the transport in 'restart:SECONDS:...' to keep retrying.",
						transport);
			}
		}
		return null;
	}

}
