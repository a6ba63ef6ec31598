import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

const TEMPLATE_TTL_SECONDS = 300;
const FALLBACK_LOCALE = 'en';

/**
 * Receipts rendered from per-locale text templates kept in S3 (marketing edits
 * them without a deploy), cached in Redis for a few minutes.
 *
 * @param {{ s3: import('./config.js').Config['s3'], fixed: boolean }} config
 * @param {ReturnType<typeof import('./cache.js').createTextCache>} cache
 */
export function createReceipts(config, cache) {
  const s3 = new S3Client({
    region: config.s3.region,
    endpoint: config.s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey },
    // S3-compatible servers often lack the SDK's default flexible checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  /** @param {string} locale */
  const loadTemplate = async (locale) => {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: config.s3.bucket, Key: `receipts/${locale}.txt` }),
    );
    return object.Body.transformToString('utf8');
  };

  /** @param {string} locale */
  const templateFor = async (locale) => {
    try {
      return await cache.getOrLoad(`receipt-template:${locale}`, TEMPLATE_TTL_SECONDS, () =>
        loadTemplate(locale),
      );
    } catch (error) {
      if (config.fixed && error?.name === 'NoSuchKey' && locale !== FALLBACK_LOCALE)
        return templateFor(FALLBACK_LOCALE);
      throw error;
    }
  };

  return {
    /**
     * @param {import('./orders-repo.js').Order} order
     * @param {string} locale
     */
    async render(order, locale) {
      const template = await templateFor(locale);
      const money = (/** @type {number} */ cents) =>
        `${(cents / 100).toFixed(2)} ${order.currency.toUpperCase()}`;
      const lines = order.lines
        .map((line) => `${String(line.qty).padStart(3)} × ${line.name.padEnd(36)} ${money(line.totalCents)}`)
        .join('\n');
      const values = {
        orderId: order.id,
        date: order.createdAt.slice(0, 10),
        customerName: order.customerName,
        lines,
        subtotal: money(order.subtotalCents),
        discount: money(order.discountCents),
        total: money(order.totalCents),
      };
      return template.replace(/\{\{(\w+)\}\}/g, (match, name) => values[name] ?? match);
    },
    close: () => s3.destroy(),
  };
}
