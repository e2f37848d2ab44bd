/**
 * The grammar that forces a tool call (`tool_choice: "required"` or a named function) in the format the
 * model's template taught it, with the arguments held to the function's parameter schema.
 */
import { GrammarBuilder } from './json-schema-grammar.ts';
import type { ToolCallFormat } from './tool-call-parser.ts';
import type { FunctionTool } from './wire.ts';

/** GBNF for exactly one call to one of `tools`. */
export function toolCallGrammar(
  format: Exclude<ToolCallFormat, 'none'>,
  tools: readonly FunctionTool[],
): string {
  const builder = new GrammarBuilder({});
  const argumentsKey = format === 'hermes' ? 'arguments' : 'parameters';
  const calls = tools.map((tool, index) => {
    const name = builder.literal(`{"name": ${JSON.stringify(tool.function.name)}, "${argumentsKey}": `);
    const parameters = new GrammarBuilder(tool.function.parameters ?? {});
    // Each tool's schema gets its own builder (its $defs are its own); its rules are renamed into ours.
    const prefix = `tool${index}-`;
    const grammar = parameters.build(
      parameters.schema(tool.function.parameters ?? { type: 'object' }, 'args'),
    );
    return { call: `${name} ${prefix}root "}"`, rules: renameRules(grammar, prefix) };
  });
  const body = calls.map((call) => call.call).join(' | ');
  const root = format === 'hermes' ? `"<tool_call>\\n" (${body}) "\\n</tool_call>"` : `(${body})`;
  return [`root ::= ${root}`, ...calls.flatMap((call) => call.rules)].join('\n') + '\n';
}

/** Prefixes every rule name of a grammar, so several schemas' rules can live in one grammar. */
function renameRules(grammar: string, prefix: string): string[] {
  const lines = grammar.trim().split('\n');
  const names = new Set(lines.map((line) => line.slice(0, line.indexOf(' ::= '))));
  return lines.map((line) => {
    const at = line.indexOf(' ::= ');
    return `${prefix}${line.slice(0, at)} ::= ${renameReferences(line.slice(at + 5), names, prefix)}`;
  });
}

/** Renames references outside string literals and character classes. */
function renameReferences(body: string, names: ReadonlySet<string>, prefix: string): string {
  return body.replace(/"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|[A-Za-z0-9-]+/g, (token) =>
    names.has(token) ? prefix + token : token,
  );
}
