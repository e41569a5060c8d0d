-- CreateEnum
CREATE TYPE "CheckoutStep" AS ENUM ('created', 'charged', 'confirmed', 'compensated');

-- CreateEnum
CREATE TYPE "ChargeStatus" AS ENUM ('succeeded', 'declined', 'cancelled');

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "access_token_sealed" TEXT,
ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "step" "CheckoutStep" NOT NULL DEFAULT 'created';

-- CreateTable
CREATE TABLE "payment_charges" (
    "idempotency_key" TEXT NOT NULL,
    "payment_id" TEXT,
    "status" "ChargeStatus" NOT NULL,
    "decline_code" TEXT,
    "amount_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_charges_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateTable
CREATE TABLE "payment_refunds" (
    "payment_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_refunds_pkey" PRIMARY KEY ("payment_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "payment_charges_payment_id_key" ON "payment_charges"("payment_id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_idempotency_key_key" ON "orders"("idempotency_key");

-- CreateIndex
CREATE INDEX "orders_status_created_at_idx" ON "orders"("status", "created_at");

-- AddForeignKey
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payment_charges"("payment_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Orders placed before the saga was durable: their step follows their status.
UPDATE "orders" SET "step" = 'confirmed' WHERE "status" = 'confirmed';
UPDATE "orders" SET "step" = 'compensated' WHERE "status" IN ('failed', 'cancelled');
