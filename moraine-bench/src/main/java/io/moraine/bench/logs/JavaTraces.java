package io.moraine.bench.logs;

import java.io.IOException;

/** Java exceptions and the framework frames they pass through (Spring MVC on Tomcat, JDBC). */
final class JavaTraces {
  private JavaTraces() {}

  /** An exception type and the message template it is thrown with. */
  record Failure(String name, String message) {}

  private static final Failure[] FAILURES = {
    new Failure("java.lang.IllegalStateException", "~ # is not in a valid state"),
    new Failure(
        "java.lang.NullPointerException",
        "Cannot invoke \"String.length()\" because" + " \"~\" is null"),
    new Failure(
        "org.springframework.dao.DataIntegrityViolationException",
        "could not execute statement; constraint [~_pkey]"),
    new Failure("java.net.SocketTimeoutException", "Read timed out after %"),
    new Failure(
        "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable",
        "503 Service Unavailable: \"upstream connect error\""),
    new Failure(
        "com.fasterxml.jackson.databind.exc.InvalidFormatException",
        "Cannot deserialize value of type `java.time.Instant` from String \"#\""),
    new Failure("java.util.concurrent.TimeoutException", "~ lookup did not complete in %"),
    new Failure(
        "org.hibernate.exception.LockAcquisitionException",
        "could not execute statement: deadlock detected on ~ #")
  };

  private static final Failure[] CAUSES = {
    new Failure(
        "org.postgresql.util.PSQLException",
        "ERROR: deadlock detected\n  Detail: Process #" + " waits for ShareLock on transaction #"),
    new Failure("java.net.ConnectException", "Connection refused"),
    new Failure("java.io.IOException", "Broken pipe"),
    new Failure(
        "org.postgresql.util.PSQLException",
        "ERROR: duplicate key value violates unique constraint \"~_pkey\"")
  };

  private static final String[] FRAMEWORK = {
    "org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)",
    "org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)",
    "org.springframework.web.servlet.DispatcherServlet.doService(DispatcherServlet.java:979)",
    "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter"
        + ".invokeHandlerMethod(RequestMappingHandlerAdapter.java:884)",
    "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod"
        + ".java:255)",
    "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor"
        + ".java:103)",
    "java.base/java.lang.reflect.Method.invoke(Method.java:580)",
    "org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation"
        + ".java:184)",
    "org.springframework.transaction.interceptor.TransactionInterceptor.invoke(TransactionInterceptor"
        + ".java:119)",
    "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
    "org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:174)",
    "org.apache.catalina.core.StandardContextValve.invoke(StandardContextValve.java:90)",
    "org.apache.catalina.connector.CoyoteAdapter.service(CoyoteAdapter.java:344)",
    "org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:391)",
    "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1736)",
    "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)",
    "java.base/java.lang.Thread.run(Thread.java:1583)",
    "com.zaxxer.hikari.pool.ProxyPreparedStatement.executeUpdate(ProxyPreparedStatement.java:61)",
    "org.hibernate.engine.jdbc.internal.ResultSetReturnImpl.executeUpdate(ResultSetReturnImpl"
        + ".java:194)",
    "org.postgresql.jdbc.PgPreparedStatement.executeWithFlags(PgPreparedStatement.java:152)"
  };

  static Failure pick(LineContext c, AppProfile app) {
    return FAILURES[
        (int)
            Math.floorMod(
                LineContext.mix(app.name().hashCode() + c.rng.nextInt(3)), FAILURES.length)];
  }

  /** Writes the exception line, its frames, and perhaps a cause with "... N more". */
  static void write(LineContext c, AppProfile app) throws IOException {
    LineBuffer l = c.line;
    Failure f = pick(c, app);
    l.ascii(f.name()).ascii(": ");
    c.render(f.message());
    c.emit(LineKind.JAVA_STACK, -1);
    int appFrames = 2 + c.rng.nextInt(5);
    for (int i = 0; i < appFrames; i++) {
      l.ascii("\tat com.acme.").ascii(app.packageName()).ch('.');
      l.ascii(c.pick(Words.JAVA_PACKAGES)).ch('.').ascii(c.pick(Words.JAVA_CLASSES));
      l.ascii(".handle(").ascii(c.pick(Words.JAVA_CLASSES)).ascii(".java:");
      l.num(30 + c.rng.nextInt(400)).ch(')');
      c.emit(LineKind.JAVA_STACK, -1);
    }
    int start = c.rng.nextInt(4);
    int frames = 6 + c.rng.nextInt(FRAMEWORK.length - 6 - start + 1);
    for (int i = start; i < start + frames; i++) {
      l.ascii("\tat ").ascii(FRAMEWORK[i]);
      c.emit(LineKind.JAVA_STACK, -1);
    }
    if (c.chance(0.5)) {
      Failure cause = c.pick(CAUSES);
      l.ascii("Caused by: ").ascii(cause.name()).ascii(": ");
      String msg = cause.message();
      int nl = msg.indexOf('\n');
      c.render(nl < 0 ? msg : msg.substring(0, nl));
      c.emit(LineKind.JAVA_STACK, -1);
      if (nl >= 0) {
        c.render(msg.substring(nl + 1));
        c.emit(LineKind.JAVA_STACK, -1);
      }
      l.ascii("\tat ").ascii(FRAMEWORK[FRAMEWORK.length - 1]);
      c.emit(LineKind.JAVA_STACK, -1);
      l.ascii("\t... ").num(20 + c.rng.nextInt(80)).ascii(" more");
      c.emit(LineKind.JAVA_STACK, -1);
    }
  }
}
