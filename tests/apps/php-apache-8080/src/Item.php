<?php

declare(strict_types=1);

namespace Acme\Inventory;

final class Item implements \JsonSerializable
{
    public function __construct(
        public readonly string $sku,
        public readonly string $name,
        public readonly int $quantity,
    ) {
    }

    public function jsonSerialize(): array
    {
        return ['sku' => $this->sku, 'name' => mb_strtoupper($this->name), 'quantity' => $this->quantity];
    }
}
