// Package store keeps the inventory in memory.
package store

import (
	"sort"
	"sync"
)

type Item struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Quantity int    `json:"quantity"`
}

type Store struct {
	mu    sync.RWMutex
	items map[string]Item
}

func New() *Store {
	return &Store{items: map[string]Item{
		"A-100": {SKU: "A-100", Name: "widget", Quantity: 12},
		"B-200": {SKU: "B-200", Name: "gadget", Quantity: 3},
	}}
}

func (s *Store) Get(sku string) (Item, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	item, ok := s.items[sku]
	return item, ok
}

func (s *Store) List() []Item {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Item, 0, len(s.items))
	for _, item := range s.items {
		out = append(out, item)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKU < out[j].SKU })
	return out
}
