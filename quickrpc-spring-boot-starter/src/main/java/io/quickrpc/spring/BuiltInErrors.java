package io.quickrpc.spring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.util.ClassUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.validation.method.ParameterValidationResult;

import io.quickrpc.IncomingCall;
import io.quickrpc.MappedError;
import io.quickrpc.RemoteException;

/**
 * The mappings that apply when no {@link RpcExceptionHandler} handles an exception: a bean
 * validation failure (Jakarta's {@code ConstraintViolationException}, Spring's
 * {@link MethodValidationException}, or an exception that is a {@link BindingResult}, as
 * {@code BindException} and {@code MethodArgumentNotValidException} are) and an {@link IllegalArgumentException} are the caller's
 * mistake, answered with {@link RemoteException#INVALID_PARAMS}; a validation failure lists its
 * violations, each a path and a message, as {@code data.violations}.
 */
final class BuiltInErrors {

	private static final boolean BEAN_VALIDATION = ClassUtils
		.isPresent("jakarta.validation.ConstraintViolationException", BuiltInErrors.class.getClassLoader());

	private BuiltInErrors() {
	}

	static @Nullable MappedError map(Throwable exception, IncomingCall call) {
		List<Violation> violations = null;
		if (BEAN_VALIDATION) {
			violations = BeanValidation.violations(exception);
		}
		if (violations == null && exception instanceof MethodValidationException invalid) {
			violations = violations(invalid);
		}
		if (violations == null && exception instanceof BindingResult invalid) {
			violations = violations(invalid);
		}
		if (violations != null) {
			violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::message));
			String message = "Invalid params for " + call.method() + ": "
					+ violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
			List<Map<String, String>> data = violations.stream().map(Violation::toData).toList();
			return MappedError.outcome(new RemoteException(RemoteException.INVALID_PARAMS, message,
					Map.of("violations", data)));
		}
		if (exception instanceof IllegalArgumentException) {
			String message = (exception.getMessage() != null) ? exception.getMessage()
					: exception.getClass().getSimpleName();
			return MappedError.outcome(new RemoteException(RemoteException.INVALID_PARAMS, message,
					Map.of("type", exception.getClass().getName())));
		}
		return null;
	}

	private static List<Violation> violations(MethodValidationException exception) {
		List<Violation> violations = new ArrayList<>();
		for (ParameterValidationResult result : exception.getParameterValidationResults()) {
			String parameter = result.getMethodParameter().getParameterName();
			String name = (parameter != null) ? parameter : "arg" + result.getMethodParameter().getParameterIndex();
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				String path = (error instanceof FieldError field) ? name + "." + field.getField() : name;
				violations.add(new Violation(path, String.valueOf(error.getDefaultMessage())));
			}
		}
		for (MessageSourceResolvable error : exception.getCrossParameterValidationResults()) {
			violations.add(new Violation("", String.valueOf(error.getDefaultMessage())));
		}
		return violations;
	}

	private static List<Violation> violations(BindingResult result) {
		List<Violation> violations = new ArrayList<>();
		for (ObjectError error : result.getAllErrors()) {
			String path = (error instanceof FieldError field) ? field.getField() : "";
			violations.add(new Violation(path, String.valueOf(error.getDefaultMessage())));
		}
		return violations;
	}

	/** One violated constraint: where, and what is wrong. */
	record Violation(String path, String message) {

		Map<String, String> toData() {
			Map<String, String> data = new LinkedHashMap<>();
			data.put("path", this.path);
			data.put("message", this.message);
			return data;
		}

		@Override
		public String toString() {
			return this.path.isEmpty() ? this.message : this.path + " " + this.message;
		}

	}

	/** Jakarta Bean Validation, apart so that it is loaded only when on the class path. */
	private static final class BeanValidation {

		static @Nullable List<Violation> violations(Throwable exception) {
			if (!(exception instanceof ConstraintViolationException invalid)) {
				return null;
			}
			List<Violation> violations = new ArrayList<>();
			for (ConstraintViolation<?> violation : invalid.getConstraintViolations()) {
				violations.add(new Violation(path(violation.getPropertyPath()), violation.getMessage()));
			}
			return violations;
		}

		/** The path below the method: {@code text}, or {@code user.name}, not {@code ping.text}. */
		private static String path(Path path) {
			List<String> nodes = new ArrayList<>();
			for (Path.Node node : path) {
				if (node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.CONSTRUCTOR) {
					nodes.add(node.toString());
				}
			}
			return String.join(".", nodes);
		}

	}

}
