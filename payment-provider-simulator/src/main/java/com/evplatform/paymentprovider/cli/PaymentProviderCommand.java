package com.evplatform.paymentprovider.cli;

import java.util.Map;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The payment provider simulator's command line. Its one command, {@code pay}, makes a payment of a wallet
 * top-up and delivers the signed webhook to order-service, genuinely or as a receiver must refuse it.
 */
@Command(name = "payment-provider-simulator", mixinStandardHelpOptions = true,
        versionProvider = PaymentProviderCommand.Version.class,
        description = "Plays the payment provider of wallet top-ups against order-service's payment webhook.",
        footer = {"", "Run 'payment-provider-simulator pay --help' for the options of a payment."})
public final class PaymentProviderCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, reading the secret's environment variable from the process environment. */
    public static CommandLine commandLine() {
        return commandLine(System::getenv);
    }

    /** The command line with the environment given, for tests. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment::get);
    }

    private static CommandLine commandLine(Function<String, String> environment) {
        return new CommandLine(new PaymentProviderCommand()).addSubcommand("pay", new PayCommand(environment));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: pay");
    }

    /** Reads the jar manifest's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PaymentProviderCommand.class.getPackage().getImplementationVersion();
            return new String[] {"payment-provider-simulator " + (version == null ? "(development build)" : version)};
        }
    }
}
