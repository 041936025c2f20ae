package io.quickrpc.spi;

import java.util.List;

/**
 * A codec, transport or security expression could not be turned into a component: its
 * shorthand is unknown, or it is malformed. The message quotes the expression and says what
 * is expected.
 */
public final class InvalidExpressionException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String kind;

	private final String expression;

	private final List<String> knownShorthands;

	InvalidExpressionException(String kind, String expression, String message, List<String> knownShorthands) {
		super(message);
		this.kind = kind;
		this.expression = expression;
		this.knownShorthands = List.copyOf(knownShorthands);
	}

	/**
	 * Returns what the expression should have created: {@code codec}, {@code transport} or
	 * {@code security}.
	 * @return the kind of component
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * Returns the expression as given.
	 * @return the expression
	 */
	public String expression() {
		return this.expression;
	}

	/**
	 * Returns the shorthands the registry knows, sorted.
	 * @return the known shorthands
	 */
	public List<String> knownShorthands() {
		return this.knownShorthands;
	}

}
