locals {
  a = max(1,
