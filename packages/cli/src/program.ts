/**
 * The `laborcase` command: commander parses the arguments and writes `--help`; each action validates its options,
 * opens the store and calls a command module. Every failure ends as one line on stderr and an exit code (see
 * `EXIT`); `--debug` adds the stack.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { uuidV7 } from '@laborcase/adapters';
import { TransparencyError, createLogTree, generateNoteKey as newNoteKey, verifyProofBundle } from '@laborcase/core/transparency';
import { upcomingDeadlinesReport } from '@laborcase/projections/labor';
import { DEFAULT_REBUILD_BATCH_SIZE } from '@laborcase/projections';
import { CliError, EXIT, usageError, type ExitCode } from './errors.js';
import { emit, readText, writeText } from './files.js';
import type { CliIo } from './io.js';
import { readKeysFile } from './keys.js';
import { parseAxes, parseChoice, parseCount, parseDateOption, parsePositiveInteger } from './options.js';
import { withStore, type StoreOptions } from './store.js';
import { PROGRESS_STYLES, type ProgressStyle } from './progress.js';
import { cosignCheckpoint, fileWitnessState, proofBundle, readBundle, readNote, readSignerKey, showCheckpoint, signLogCheckpoint } from './commands/checkpoints.js';
import { REPORTS, renderDeadlines, renderReport, reportNamed } from './commands/reports.js';
import { importDocument } from './commands/import.js';
import { copyLog, describeCopy, openCopyEnd } from './commands/copy.js';
import { PROJECTION_NAMES, rebuildReadModel, validateProjectionName } from './commands/rebuild.js';
import { buildTimeline, renderTimeline } from './commands/timeline.js';
import { verifyAgainstCheckpoint, verifyChains } from './commands/verify.js';

interface GlobalOptions extends StoreOptions {
  readonly debug?: boolean;
}

const storeOptionsOf = (command: Command): StoreOptions => {
  const { pgUrl, dataDir, schema } = command.optsWithGlobals<GlobalOptions>();
  return { ...(pgUrl === undefined ? {} : { pgUrl }), ...(dataDir === undefined ? {} : { dataDir }), ...(schema === undefined ? {} : { schema }) };
};

const progressOption = (): Option =>
  new Option('--progress <style>', 'bar (on a terminal, the default there), lines (one a second on stderr, for logs) or none').choices(PROGRESS_STYLES);

const describeError = (error: unknown): { code: ExitCode; message: string } => {
  if (error instanceof CliError) return { code: error.code, message: error.message };
  if (error instanceof TransparencyError) return { code: error.code === 'InvalidArgument' ? EXIT.usage : EXIT.problem, message: error.message };
  if (error instanceof Error && error.name === 'InvalidProjection') return { code: EXIT.usage, message: error.message };
  return { code: EXIT.problem, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
};

export const buildProgram = (io: CliIo, setExit: (code: ExitCode) => void): Command => {
  const program = new Command('laborcase')
    .description('Audit and report on a laborcase event log (PGlite folder or PostgreSQL)')
    .option('--pg-url <url>', 'PostgreSQL URL (default: $PG_URL); without it, PGlite in --data-dir')
    .option('--data-dir <folder>', 'PGlite data folder (default: .data/laborcase, the demo\'s)')
    .option('--schema <name>', 'SQL schema of the event tables (default: laborcase)')
    .option('--debug', 'print stack traces of failures')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('timeline')
    .description('a stream as it stood: each fact with who, when, due dates and rules; corrections shown; the folded state')
    .argument('<stream>', 'stream id, e.g. grievance-G-26-004')
    .option('--as-effective-on <date>', 'only facts effective on or before this business date (YYYY-MM-DD)')
    .option('--as-known-at <instant>', 'only facts recorded at or before this instant (ISO-8601)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
    .action(async (stream: string, options: { asEffectiveOn?: string; asKnownAt?: string; format: 'text' | 'json' | 'csv' }, command: Command) => {
      const axes = parseAxes(options);
      await withStore(storeOptionsOf(command), io, async ({ store, registry }) => {
        io.stdout(renderTimeline(await buildTimeline(store, registry, stream, axes), options.format));
      });
    });

  program
    .command('verify')
    .description('check every hash chain, and with --checkpoint the whole log against a trusted cosigned checkpoint')
    .option('--stream <id>', 'check this stream only')
    .option('--checkpoint <file>', 'a checkpoint note (signed, cosigned) to check the log against')
    .option('--keys <file>', 'the keys file trusted for the checkpoint (see README)')
    .option('--quorum <n>', 'witness cosignatures required (overrides the keys file)')
    .action(async (options: { stream?: string; checkpoint?: string; keys?: string; quorum?: string }, command: Command) => {
      if (options.checkpoint !== undefined && options.keys === undefined) throw new CliError(EXIT.usage, '--keys: required with --checkpoint (the keys you trust)');
      const quorum = options.quorum === undefined ? undefined : parseCount('--quorum', options.quorum);
      const policy = options.keys === undefined ? undefined : await readKeysFile(io, options.keys, quorum);
      const note = options.checkpoint === undefined ? undefined : await readNote(io, '--checkpoint', options.checkpoint);
      await withStore(storeOptionsOf(command), io, async ({ store, tree }) => {
        const chains = await verifyChains(store, options.stream);
        if (!chains.ok) {
          io.stdout(`FAILED: ${chains.firstProblem ?? 'a chain is broken'}\n`);
          setExit(EXIT.problem);
          return;
        }
        io.stdout(`chains ok: ${chains.streams} stream(s), ${chains.events} event(s)\n`);
        if (note === undefined || policy === undefined) return;
        const report = await verifyAgainstCheckpoint(store, note, policy, tree());
        if (!report.ok) {
          io.stdout(`FAILED against the checkpoint of ${report.size} events: ${report.problems[0] ?? 'unknown problem'}${report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : ''}\n`);
          setExit(EXIT.problem);
          return;
        }
        io.stdout(`log consistent with the checkpoint: ${report.size} events, cosigned by ${report.cosignedBy.join(', ') || 'no witness'}; ${report.events} events in the log\n`);
      });
    });

  program
    .command('keygen')
    .description('a new Ed25519 note key: the signer key (secret) to --out, the verifier key (public) on stdout')
    .requiredOption('--name <name>', "the key's name: the log's origin, or the witness's name")
    .addOption(new Option('--kind <kind>', 'log (signs checkpoints) or cosigner (a witness)').choices(['log', 'cosigner']).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the signer key (keep it secret)')
    .action(async (options: { name: string; kind: 'log' | 'cosigner'; out: string }) => {
      const key = newNoteKey(options.name, options.kind);
      await writeText(io, '--out', options.out, `${key.signerKey}\n`);
      io.stdout(`${key.verifierKey}\n`);
    });

  const checkpoint = program.command('checkpoint').description('signed checkpoints of the whole log (C2SP tlog-checkpoint)');
  checkpoint
    .command('sign')
    .description("integrate the log into its Merkle tree and sign a checkpoint with the log's key")
    .requiredOption('--key <file>', "file holding the log's signer key")
    .option('--origin <name>', "the log's origin line (default: the key's name)")
    .option('--out <file>', 'write the note here (default: stdout)')
    .action(async (options: { key: string; origin?: string; out?: string }, command: Command) => {
      const key = await readSignerKey(io, '--key', options.key);
      await withStore(storeOptionsOf(command), io, async ({ store, tree }) => emit(io, options.out, await signLogCheckpoint(store, tree(), key, options.origin)));
    });
  checkpoint
    .command('cosign')
    .description('as a witness, cosign a checkpoint consistent with the last one this witness cosigned')
    .argument('<note>', 'the checkpoint note file')
    .requiredOption('--key <file>', "file holding the witness's cosigner key")
    .requiredOption('--log-key <file>', "file holding the log's verifier key")
    .requiredOption('--state <file>', "the witness's state file (created on first use)")
    .option('--out <file>', 'write the cosigned note here (default: stdout)')
    .action(async (noteFile: string, options: { key: string; logKey: string; state: string; out?: string }, command: Command) => {
      const note = await readNote(io, '<note>', noteFile);
      const witnessKey = await readSignerKey(io, '--key', options.key);
      const logVerifierKey = (await readText(io, '--log-key', options.logKey)).trim();
      await withStore(storeOptionsOf(command), io, async ({ store, tree }) => {
        const storage = tree();
        const logTree = createLogTree({ store, storage, origin: noteOrigin(note) });
        const cosigned = await cosignCheckpoint({
          note,
          witnessKey,
          logVerifierKey,
          state: fileWitnessState(io, options.state),
          clock: io.clock,
          proof: (oldSize, newSize) => logTree.consistencyProof(oldSize, newSize),
        });
        await emit(io, options.out, cosigned);
      });
    });
  checkpoint
    .command('show')
    .description("print a checkpoint's origin, size, root and signers")
    .argument('<note>', 'the checkpoint note file')
    .action(async (noteFile: string) => io.stdout(showCheckpoint(await readNote(io, '<note>', noteFile))));

  program
    .command('proof')
    .description("an offline proof bundle of one stream: its events, each one's inclusion proof, the checkpoint")
    .argument('<stream>', 'stream id')
    .requiredOption('--checkpoint <file>', 'the (cosigned) checkpoint note')
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .action(async (stream: string, options: { checkpoint: string; out: string }, command: Command) => {
      const note = await readNote(io, '--checkpoint', options.checkpoint);
      await withStore(storeOptionsOf(command), io, async ({ store, tree }) => writeText(io, '--out', options.out, await proofBundle(store, tree(), stream, note)));
      io.stdout(`wrote ${options.out}\n`);
    });

  program
    .command('verify-bundle')
    .description('check a proof bundle with only the bundle and the trusted keys (no store)')
    .argument('<bundle>', 'the bundle file')
    .requiredOption('--keys <file>', 'the keys file trusted for the checkpoint')
    .option('--quorum <n>', 'witness cosignatures required (overrides the keys file)')
    .action(async (bundleFile: string, options: { keys: string; quorum?: string }) => {
      const policy = await readKeysFile(io, options.keys, options.quorum === undefined ? undefined : parseCount('--quorum', options.quorum));
      const result = verifyProofBundle(await readBundle(io, bundleFile), policy);
      if (!result.ok) {
        io.stdout(`FAILED: ${JSON.stringify(result.problems[0])}\n`);
        setExit(EXIT.problem);
        return;
      }
      io.stdout(`bundle ok: ${result.events} event(s) of ${result.streamId} in a checkpoint of ${result.checkpoint.checkpoint.size}, cosigned by ${result.checkpoint.cosignedBy.map((c) => c.name).join(', ') || 'no witness'}\n`);
    });

  program
    .command('report')
    .description(`a read-model report: ${Object.keys(REPORTS).join(', ')}`)
    .argument('<name>', 'the report')
    .option('--as-effective-on <date>', 'as of this business date (YYYY-MM-DD)')
    .option('--as-known-at <instant>', 'as the log was known at this instant (ISO-8601)')
    .option('--today <date>', 'the report date, for open-cases and upcoming-deadlines (default: today)')
    .option('--within <n>', 'school days ahead, for upcoming-deadlines (default 10)')
    .addOption(new Option('--format <format>', 'output format (html: the board report)').choices(['csv', 'json', 'html']).default('json'))
    .option('--table <rows>', 'which row list CSV writes (default: the report\'s main one)')
    .option('--out <file>', 'write here (default: stdout)')
    .action(
      async (
        name: string,
        options: { asEffectiveOn?: string; asKnownAt?: string; today?: string; within?: string; format: string; table?: string; out?: string },
        command: Command,
      ) => {
        const definition = reportNamed(name);
        const axes = parseAxes(options);
        const format = parseChoice('--format', options.format, ['csv', 'json', 'html'] as const);
        if ((definition.formats ?? ['json', 'csv']).every((allowed) => allowed !== format))
          throw usageError('--format', `report ${name} is written as ${(definition.formats ?? ['json', 'csv']).join(' or ')}`);
        const today = options.today === undefined ? undefined : parseDateOption('--today', options.today);
        const schoolDays = options.within === undefined ? undefined : parsePositiveInteger('--within', options.within);
        await withStore(storeOptionsOf(command), io, async ({ store, registry }) => {
          const report = await definition.build({
            eventStore: store,
            registry,
            axes,
            clock: io.clock,
            ...(today === undefined ? {} : { today }),
            ...(schoolDays === undefined ? {} : { schoolDays }),
          });
          await emit(io, options.out, renderReport(definition, report, format, options.table));
        });
      },
    );

  program
    .command('deadlines')
    .description('upcoming and overdue grievance deadlines, who owes them')
    .option('--within <n>', 'school days ahead (default 10)', '10')
    .option('--today <date>', 'the day to count from (default: today)')
    .option('--as-effective-on <date>', 'the log as of this business date (YYYY-MM-DD)')
    .option('--as-known-at <instant>', 'the log as known at this instant (ISO-8601)')
    .action(async (options: { within: string; today?: string; asEffectiveOn?: string; asKnownAt?: string }, command: Command) => {
      const schoolDays = parsePositiveInteger('--within', options.within);
      const today = options.today === undefined ? io.clock().toISOString().slice(0, 10) : parseDateOption('--today', options.today);
      const axes = parseAxes(options);
      const asOf = axes.effectiveOn === undefined && axes.knownAt === undefined ? {} : { asOf: axes };
      await withStore(storeOptionsOf(command), io, async ({ store, registry }) => {
        io.stdout(renderDeadlines(await upcomingDeadlinesReport({ eventStore: store, registry, clock: io.clock, today, schoolDays, ...asOf })));
      });
    });

  program
    .command('rebuild')
    .description(`rebuild a read model into its SQL tables with a progress bar; Ctrl-C cancels cleanly (exit 130): ${PROJECTION_NAMES.join(', ')}`)
    .argument('<projection>', 'the read model')
    .option('--read-schema <name>', 'SQL schema of the read-model tables (default: laborcase_read)')
    .option('--batch-size <n>', `events per transaction (default ${DEFAULT_REBUILD_BATCH_SIZE.toLocaleString('en-US')})`)
    .addOption(progressOption())
    .action(async (name: string, options: { readSchema?: string; batchSize?: string; progress?: ProgressStyle }, command: Command) => {
      validateProjectionName(name);
      const batchSize = options.batchSize === undefined ? undefined : parsePositiveInteger('--batch-size', options.batchSize);
      await withStore(storeOptionsOf(command), io, async ({ store, registry, client }) => {
        const result = await rebuildReadModel(io, name, {
          eventStore: store,
          registry,
          client,
          ...(options.readSchema === undefined ? {} : { schema: options.readSchema }),
          ...(batchSize === undefined ? {} : { batchSize }),
          ...(options.progress === undefined ? {} : { progress: options.progress }),
        });
        const rate = result.elapsedMs === 0 ? result.events : Math.round((result.events * 1000) / result.elapsedMs);
        io.stdout(`rebuilt ${result.projection} v${result.version}: ${result.events} event(s) in ${result.elapsedMs} ms (${rate} events/s)${result.activated ? ', now live' : ''}\n`);
      });
    });

  program
    .command('copy')
    .description('copy a whole log into another store keeping every event id, recordedAt, order and hash; resumable; verified at the end')
    .requiredOption('--from <store>', 'the source: a PGlite folder, a postgres:// URL or an esdb:// connection string')
    .requiredOption('--to <store>', 'the target, in the same forms: empty, or holding an interrupted copy of the source')
    .option('--from-schema <name>', 'SQL schema of the source (default: --schema, else laborcase)')
    .option('--to-schema <name>', 'SQL schema of the target (default: --schema, else laborcase)')
    .option('--page-size <n>', 'events per import batch (default 1,000)')
    .addOption(progressOption())
    .action(async (options: { from: string; to: string; fromSchema?: string; toSchema?: string; pageSize?: string; progress?: ProgressStyle }, command: Command) => {
      const pageSize = options.pageSize === undefined ? 1000 : parsePositiveInteger('--page-size', options.pageSize);
      const { schema } = storeOptionsOf(command);
      const source = await openCopyEnd(io, '--from', options.from, options.fromSchema ?? schema);
      try {
        const target = await openCopyEnd(io, '--to', options.to, options.toSchema ?? schema);
        try {
          const report = describeCopy(await copyLog(io, source, target, { pageSize, ...(options.progress === undefined ? {} : { progress: options.progress }) }), source.location, target.location);
          io.stdout(report.text);
          if (!report.ok) setExit(EXIT.problem);
        } finally {
          await target.close().catch(() => undefined);
        }
      } finally {
        await source.close().catch(() => undefined);
      }
    });

  program
    .command('import')
    .description('reference data through the services: a district calendar or an agreement edition (JSON document)')
    .addArgument(new Argument('<kind>', 'what the document is').choices(['calendar', 'agreement']))
    .argument('<file>', 'the JSON document')
    .requiredOption('--actor <id>', 'who records it (provenance: every fact says who)')
    .requiredOption('--role <role>', "the actor's role, e.g. board-of-education, labor-relations")
    .option('--on-behalf-of <id>', 'when recording for someone else')
    .action(async (kind: 'calendar' | 'agreement', file: string, options: { actor: string; role: string; onBehalfOf?: string }, command: Command) => {
      const text = await readText(io, '<file>', file);
      const actor = { actorId: options.actor, role: options.role, ...(options.onBehalfOf === undefined ? {} : { onBehalfOf: options.onBehalfOf }) };
      await withStore(storeOptionsOf(command), io, async ({ store, registry }) => {
        io.stdout(await importDocument({ store, registry, newId: uuidV7, kind, file, text, actor }));
      });
    });

  return program;
};

const noteOrigin = (note: string): string => note.split('\n', 1)[0] ?? '';

/** Run `laborcase` with `argv` (without node and the script): the exit code, every failure reported on `io.stderr`. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let exitCode: ExitCode = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; bad usage has already been printed by it.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { code, message } = describeError(error);
    io.stderr(`laborcase: ${message}\n`);
    if (argv.includes('--debug') && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return code;
  }
};
