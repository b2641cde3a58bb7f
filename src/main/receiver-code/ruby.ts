/**
 * A Ruby receiver on Sinatra: every scheme is a few lines of OpenSSL::HMAC, compared with
 * OpenSSL.secure_compare (constant time), so Sinatra is the only gem it needs.
 */
import type { SignatureScheme } from '../../shared/domain';
import {
  PREVIOUS_SECRET_ENV,
  SCHEME_TITLES,
  SECRET_ENV,
  TOLERANCE_SECONDS,
  lines,
  rotationComment,
  type Snippet,
  type SnippetInput,
} from './snippet';

const timestampCheck = () =>
  '  return false unless timestamp.match?(/\\A\\d+\\z/) && (Time.now.to_i - timestamp.to_i).abs <= TOLERANCE';

const verifiers: Record<SignatureScheme, () => string> = {
  mindee: () =>
    lines(
      '# X-Mindee-Hmac-Signature is the hex HMAC-SHA256 of the raw body, keyed with the whole secret.',
      'def verified?(secret, body, env)',
      "  expected = OpenSSL::HMAC.hexdigest('SHA256', secret, body)",
      "  OpenSSL.secure_compare(expected, env['HTTP_X_MINDEE_HMAC_SIGNATURE'].to_s)",
      'end',
    ),
  github: () =>
    lines(
      '# X-Hub-Signature-256 is "sha256=" and the hex HMAC-SHA256 of the raw body.',
      'def verified?(secret, body, env)',
      '  expected = "sha256=#{OpenSSL::HMAC.hexdigest(\'SHA256\', secret, body)}"',
      "  OpenSSL.secure_compare(expected, env['HTTP_X_HUB_SIGNATURE_256'].to_s)",
      'end',
    ),
  stripe: () =>
    lines(
      `TOLERANCE = ${TOLERANCE_SECONDS} # seconds, as Stripe's libraries`,
      '',
      '# Stripe-Signature is "t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>." + body>" (one v1 per secret',
      "# during a roll); the key is the whole secret. (The stripe gem's Stripe::Webhook.construct_event checks the same.)",
      'def verified?(secret, body, env)',
      "  pairs = env['HTTP_STRIPE_SIGNATURE'].to_s.split(',').map { |item| item.partition('=') }",
      "  timestamp = pairs.filter_map { |key, _, value| value if key == 't' }.first.to_s",
      timestampCheck(),
      '',
      '  expected = OpenSSL::HMAC.hexdigest(\'SHA256\', secret, "#{timestamp}.#{body}")',
      "  pairs.any? { |key, _, value| key == 'v1' && OpenSSL.secure_compare(expected, value) }",
      'end',
    ),
  'standard-webhooks': () =>
    lines(
      `TOLERANCE = ${TOLERANCE_SECONDS} # seconds, as the Standard Webhooks libraries`,
      '',
      '# webhook-signature lists "v1,<base64 HMAC-SHA256 of "<id>.<timestamp>." + body>" (one per secret during',
      "# a roll), keyed with the base64 after \"whsec_\" (unpack1('m0') decodes base64, pack('m0') encodes it).",
      'def verified?(secret, body, env)',
      "  timestamp = env['HTTP_WEBHOOK_TIMESTAMP'].to_s",
      timestampCheck(),
      '',
      "  key = secret.delete_prefix('whsec_').unpack1('m0')",
      '  signed = "#{env[\'HTTP_WEBHOOK_ID\']}.#{timestamp}.#{body}"',
      "  expected = [OpenSSL::HMAC.digest('SHA256', key, signed)].pack('m0')",
      "  env['HTTP_WEBHOOK_SIGNATURE'].to_s.split.any? do |item|",
      "    version, _, signature = item.partition(',')",
      "    version == 'v1' && OpenSSL.secure_compare(expected, signature)",
      '  end',
      'end',
    ),
};

export function sinatraReceiver({ scheme, secretCount, path }: SnippetInput): Snippet {
  const code = lines(
    `# Hookwarden receiver: verifies ${SCHEME_TITLES[scheme]}. Ruby, Sinatra.`,
    "require 'json'",
    "require 'openssl'",
    "require 'sinatra'",
    '',
    ...(secretCount === 1
      ? [`SECRET = ENV.fetch('${SECRET_ENV}', '')`, `abort 'Set ${SECRET_ENV}' if SECRET.empty?`]
      : [
          rotationComment('#'),
          `SECRETS = [ENV.fetch('${SECRET_ENV}', ''), ENV.fetch('${PREVIOUS_SECRET_ENV}', '')].reject(&:empty?)`,
          `abort 'Set ${SECRET_ENV}' if ENV.fetch('${SECRET_ENV}', '').empty?`,
        ]),
    "set :port, ENV.fetch('PORT', 3000).to_i",
    '',
    verifiers[scheme](),
    `post '${path}' do`,
    '  # The signature covers the exact bytes sent: verify request.body.read, never what JSON.parse read and',
    '  # to_json wrote again (spacing, key order and escapes change, and the signature fails).',
    '  body = request.body.read',
    secretCount === 1
      ? "  halt 401, 'Invalid signature' unless verified?(SECRET, body, request.env)"
      : "  halt 401, 'Invalid signature' unless SECRETS.any? { |secret| verified?(secret, body, request.env) }",
    '  puts "Verified webhook: #{JSON.parse(body)}"',
    '  status 204',
    'end',
  );
  return { filename: 'app.rb', code, run: 'gem install sinatra rackup puma\nenv $(cat .env) ruby app.rb' };
}
