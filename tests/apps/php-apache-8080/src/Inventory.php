<?php

declare(strict_types=1);

namespace Acme\Inventory;

final class Inventory
{
    /** @var array<string, Item> */
    private array $items = [];

    public static function sample(): self
    {
        $inventory = new self();
        $inventory->add(new Item('A-100', 'widget', 12));
        $inventory->add(new Item('B-200', 'gadget', 3));
        return $inventory;
    }

    public function add(Item $item): void
    {
        $this->items[$item->sku] = $item;
    }

    public function find(string $sku): ?Item
    {
        return $this->items[$sku] ?? null;
    }

    /** @return list<Item> */
    public function all(): array
    {
        return array_values($this->items);
    }
}
