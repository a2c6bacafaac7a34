package io.moraine.server.cli;

import io.moraine.core.time.Durations;
import io.moraine.server.config.ByteSizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for Moraine's flag types; each error becomes a one-line usage error. */
final class Converters {
  private Converters() {}

  /** A Prometheus duration ({@code 15d}, {@code 1h30m}) to milliseconds. */
  static final class DurationMillis implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Durations.parseMillis(value);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** A Prometheus byte size ({@code 512MB}) to bytes. */
  static final class Bytes implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return ByteSizes.parseBytes(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** {@code host:port}, {@code :port}, {@code [::1]:port}. */
  static final class Listen implements ITypeConverter<ListenAddress> {
    @Override
    public ListenAddress convert(String value) {
      try {
        return ListenAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }
}
