package io.quickrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Finds {@link io.quickrpc.RemoteApi} interfaces in more packages than the application's own
 * (which are searched anyway) and registers an endpoint and a proxy bean for each.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(RemoteApiRegistrar.class)
public @interface EnableQuickRpc {

	/**
	 * Packages to search for {@link io.quickrpc.RemoteApi} interfaces. Empty means the package of
	 * the annotated class.
	 * @return the package names
	 */
	String[] basePackages() default {};

	/**
	 * Classes whose packages are searched, a type-safe alternative to {@link #basePackages()}.
	 * @return classes in the packages to search
	 */
	Class<?>[] basePackageClasses() default {};

}
