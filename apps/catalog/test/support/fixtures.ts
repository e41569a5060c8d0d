import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../src/adapters/prisma';

/** A category and products of its own, so a test's numbers never depend on another's. */
export async function createCategory(prisma: PrismaClient, name = 'Test Goods') {
  const slug = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}`;
  return prisma.category.create({ data: { slug, name } });
}

export async function createProduct(
  prisma: PrismaClient,
  categoryId: string,
  { stock = 10, priceCents = 1999, name = 'Test Lamp' } = {},
) {
  const slug = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}`;
  return prisma.product.create({
    data: {
      slug,
      name,
      description: 'A lamp for tests',
      priceCents,
      stock,
      categoryId,
      imageUrl: `/api/images/products/${slug}.svg`,
    },
  });
}
