package io.moraine.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code moraine import}: the parent of the import formats. */
@Command(
    name = "import",
    description = "Import data from files into the data directory.",
    mixinStandardHelpOptions = true)
final class ImportCommand implements Runnable {
  @Spec private CommandSpec spec = CommandSpec.create();

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing format: moraine import openmetrics FILE");
  }
}
