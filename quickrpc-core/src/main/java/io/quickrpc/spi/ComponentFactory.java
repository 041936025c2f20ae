package io.quickrpc.spi;

/**
 * Creates a component (codec, transport or security provider) from an expression whose
 * shorthand it owns, such as {@code tcp} for {@code tcp:localhost:8888}. Found by a
 * {@link Registry} through {@link java.util.ServiceLoader}; implementations need a public
 * no-argument constructor and must be safe for concurrent use.
 *
 * @param <T> the kind of component
 */
public interface ComponentFactory<T> {

	/**
	 * Returns the shorthand this factory answers to: the part of an expression before the
	 * first colon.
	 * @return the shorthand, such as {@code tcp}
	 */
	String shorthand();

	/**
	 * Returns the expression syntax, shown in error messages, such as {@code tcp:HOST:PORT}.
	 * @return the syntax
	 */
	String syntax();

	/**
	 * Creates a component.
	 * @param expression the parsed expression, whose shorthand is this factory's
	 * @param registry the registry, to create nested components (as {@code mux:(T1)(T2)} does)
	 * @return a new component
	 * @throws InvalidExpressionException if the expression's arguments are not valid; create it
	 * with {@link Expression#invalid(String)}
	 */
	T create(Expression expression, Registry<T> registry);

}
