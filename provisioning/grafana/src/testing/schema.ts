// JSON-schema validation for the Grafana/compose/backend tests: ajv 8 as the vendored schemas' README asks.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/** A validator that throws with every error (path and message) instead of returning false. */
export function schemaValidator(schemaFile: string): (data: unknown, what: string) => void {
  // Formats are not enforced (the dashboard schema's date-time fields are not written by the generator).
  const ajv = new Ajv({ unicodeRegExp: false, strict: false, allErrors: true, validateFormats: false });
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $schema?: string };
  // compose-spec.json names draft-07 without the trailing '#', which ajv does not recognise as its meta-schema.
  if (schema.$schema && /json-schema\.org\/draft-07\/schema#?$/.test(schema.$schema)) delete schema.$schema;
  const validate: ValidateFunction = ajv.compile(schema);
  return (data, what) => {
    if (!validate(data)) {
      const errs = (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
      throw new Error(`${what} does not match ${schemaFile}:\n${errs.join('\n')}`);
    }
  };
}
